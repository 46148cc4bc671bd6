import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { Programmes } from '@steppingstone/recruitment';
import { CompletionRule, DEFAULT_COMPLETION_RULE } from '../engine/completion';
import { CompletionRuleRow } from '../entities/cohort.entity';

export interface ProgrammeCompletionRule extends CompletionRule {
  programmeId: string;
  /** False while the programme still uses the defaults. */
  customised: boolean;
}

/** Each programme's completion and early-warning rules; a programme without its own uses the defaults. */
@Injectable()
export class CompletionRules {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly programmes: Programmes,
  ) {}

  get(actor: Actor, programmeId: string): Promise<ProgrammeCompletionRule> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.programmes.find(manager, actor.organisationId, programmeId);
      return this.find(manager, actor.organisationId, programmeId);
    });
  }

  set(actor: Actor, programmeId: string, rule: Partial<CompletionRule>): Promise<ProgrammeCompletionRule> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.programmes.find(manager, actor.organisationId, programmeId);
      const current = await this.find(manager, actor.organisationId, programmeId);
      const next: CompletionRule = {
        minimumAttendancePercent: rule.minimumAttendancePercent ?? current.minimumAttendancePercent,
        requiredAssessments: rule.requiredAssessments ? [...new Set(rule.requiredAssessments)] : current.requiredAssessments,
        atRiskConsecutiveAbsences: rule.atRiskConsecutiveAbsences ?? current.atRiskConsecutiveAbsences,
      };
      await manager.upsert(CompletionRuleRow, { organisationId: actor.organisationId, programmeId, ...next, updatedBy: actor.userId, updatedAt: () => 'now()' }, ['organisationId', 'programmeId']);
      await this.audit.record(manager, actor, { action: 'programme.completion-rules-set', entityType: 'programme', entityId: programmeId, details: { ...next } });
      return this.find(manager, actor.organisationId, programmeId);
    });
  }

  async find(manager: EntityManager, organisationId: string, programmeId: string): Promise<ProgrammeCompletionRule> {
    const row = await manager.findOneBy(CompletionRuleRow, { organisationId, programmeId });
    if (!row) return { programmeId, customised: false, ...DEFAULT_COMPLETION_RULE };
    return {
      programmeId,
      customised: true,
      minimumAttendancePercent: row.minimumAttendancePercent,
      requiredAssessments: row.requiredAssessments,
      atRiskConsecutiveAbsences: row.atRiskConsecutiveAbsences,
    };
  }
}
