import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnrolmentProgress } from '../completion/cohort-progress';
import { Cohort } from '../entities/cohort.entity';

/**
 * Stores an at-risk event for each flag the early-warning rule raised, in the caller's transaction.
 * The reminder jobs will read the rows not yet notified; the unique key (person, session, reason)
 * means a flag that is raised again by a later save of the same register is not stored twice.
 */
@Injectable()
export class RecordRiskEvents {
  async store(manager: EntityManager, cohort: Cohort, enrolments: EnrolmentProgress[]): Promise<number> {
    const flags = enrolments.flatMap((e) => e.risk.map((f) => ({ enrolmentId: e.enrolmentId, ...f })));
    if (!flags.length) return 0;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO at_risk_events (organisation_id, cohort_id, enrolment_id, session_id, reason, details)
       SELECT $1, $2, x.enrolment_id, x.session_id, x.reason, x.details
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::jsonb[]) AS x(enrolment_id, session_id, reason, details)
       ON CONFLICT (organisation_id, enrolment_id, session_id, reason) DO NOTHING
       RETURNING id`,
      [
        cohort.organisationId,
        cohort.id,
        flags.map((f) => f.enrolmentId),
        flags.map((f) => f.sessionId),
        flags.map((f) => f.reason),
        flags.map((f) => JSON.stringify({ message: f.message, ...f.details })),
      ],
    );
    return inserted.length;
  }
}
