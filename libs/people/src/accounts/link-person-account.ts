import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { hasMembership } from '@steppingstone/organisations';
import { Person } from '../entities/person.entity';
import { People } from '../people';
import { PeopleError, PeopleErrorCode as Code } from '../people.error';

/**
 * Links a person's record to their own sign-in, so a peer mentor sees their sessions, placement and
 * progression under /me — and nothing of anyone else. One account, one person per organisation.
 */
@Injectable()
export class LinkPersonAccount {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly people: People,
    private readonly audit: AuditLog,
  ) {}

  run(actor: Actor, personId: string, userId: string | null): Promise<Person> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.people.find(manager, actor.organisationId, personId, true);
      if (userId) {
        if (!(await hasMembership(manager, actor.organisationId, userId)))
          throw new PeopleError(Code.AccountNotMember, 'That account is not a member of this organisation', [
            { field: 'userId', rule: 'member', message: 'userId must be a member of this organisation' },
          ]);
        const [other] = await manager.query(`SELECT id FROM people WHERE organisation_id = $1 AND user_id = $2 AND id <> $3`, [actor.organisationId, userId, personId]);
        if (other)
          throw new PeopleError(Code.AccountAlreadyLinked, 'That account is already linked to another person; unlink it there first', [
            { field: 'userId', rule: 'unique', message: `userId is linked to person ${other.id}` },
          ]);
      }
      await manager.update(Person, { organisationId: actor.organisationId, id: personId }, { userId, updatedAt: () => 'now()', version: () => 'version + 1' });
      await this.audit.record(manager, actor, { action: userId ? 'person.account-linked' : 'person.account-unlinked', entityType: 'person', entityId: personId, details: { userId } });
      return this.people.find(manager, actor.organisationId, personId);
    });
  }
}
