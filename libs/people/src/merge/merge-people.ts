import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, PersonRecords, Tenancy } from '@steppingstone/core';
import { Person } from '../entities/person.entity';
import { People } from '../people';
import { PeopleError, PeopleErrorCode as Code } from '../people.error';

/** Contact fields the kept record takes from the duplicate when it has none of its own. */
const FILLABLE = ['preferredName', 'email', 'phone', 'postcode', 'address', 'localityId', 'dateOfBirth', 'userId'] as const;

export interface MergeOutcome {
  person: Person;
  /** Consents, whether the profile was taken, and the counts other libs' handlers report (applications). */
  moved: { [records: string]: number | boolean; consents: number; demographicProfile: boolean };
  filled: string[];
}

/**
 * Folds a duplicate record into the one kept: everything other libs hold about the duplicate moves
 * across through their person-records handlers (applications with their stage history, enrolments,
 * placements, jobs), and so does every consent; the kept record's demographic profile wins (the
 * duplicate's is taken only if the kept one has none), empty contact fields are filled, and the
 * duplicate is deleted. One transaction: a merge happens entirely or not at all.
 */
@Injectable()
export class MergePeople {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
    private readonly records: PersonRecords,
  ) {}

  run(actor: Actor, keptId: string, duplicateId: string): Promise<MergeOutcome> {
    if (keptId === duplicateId) {
      throw new PeopleError(Code.MergeWithSelf, 'A record cannot be merged with itself', [{ field: 'duplicateId', rule: 'notSelf', message: 'duplicateId must be another person’s id' }]);
    }
    const organisationId = actor.organisationId;
    return this.tenancy.run(organisationId, async (manager) => {
      // Locked in id order, so two merges of the same pair in opposite directions cannot deadlock.
      const [first, second] = [keptId, duplicateId].sort();
      const locked = new Map<string, Person>();
      for (const id of [first, second]) locked.set(id, await this.people.find(manager, organisationId, id, true));
      const kept = locked.get(keptId)!;
      const duplicate = locked.get(duplicateId)!;

      const moved = await this.moveBelongings(manager, organisationId, keptId, duplicateId);
      const filled = FILLABLE.filter((field) => kept[field] === null && duplicate[field] !== null);
      const contactPreferences = kept.contactPreferences.length ? kept.contactPreferences : duplicate.contactPreferences;
      await manager.delete(Person, { organisationId, id: duplicateId });
      await manager.update(
        Person,
        { organisationId, id: keptId },
        { ...Object.fromEntries(filled.map((field) => [field, duplicate[field]])), contactPreferences, updatedAt: () => 'now()', version: () => 'version + 1' },
      );
      await this.audit.record(manager, actor, {
        action: 'person.merged',
        entityType: 'person',
        entityId: keptId,
        details: { keptId, duplicateId, ...movedCounts(moved), tookDemographicProfile: moved.demographicProfile, filled },
      });
      return { person: await this.people.find(manager, organisationId, keptId), moved, filled };
    });
  }

  private async moveBelongings(manager: EntityManager, organisationId: string, keptId: string, duplicateId: string): Promise<MergeOutcome['moved']> {
    const elsewhere = await this.records.merged(manager, organisationId, duplicateId, keptId);
    const [, consents] = await manager.query(`UPDATE consents SET person_id = $2 WHERE organisation_id = $1 AND person_id = $3`, [organisationId, keptId, duplicateId]);
    const [, profiles] = await manager.query(
      `UPDATE demographic_profiles SET person_id = $2
        WHERE organisation_id = $1 AND person_id = $3
          AND NOT EXISTS (SELECT 1 FROM demographic_profiles k WHERE k.organisation_id = $1 AND k.person_id = $2)`,
      [organisationId, keptId, duplicateId],
    );
    await manager.query(`DELETE FROM demographic_profiles WHERE organisation_id = $1 AND person_id = $2`, [organisationId, duplicateId]);
    return { ...elsewhere, consents: Number(consents), demographicProfile: Number(profiles) > 0 };
  }
}

/** The audit entry's counts: `movedApplications`, `movedConsents` and so on. */
function movedCounts(moved: MergeOutcome['moved']): Record<string, number> {
  return Object.fromEntries(
    Object.entries(moved)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([records, count]) => [`moved${records[0].toUpperCase()}${records.slice(1)}`, count]),
  );
}
