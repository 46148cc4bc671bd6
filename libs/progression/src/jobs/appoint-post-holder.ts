import { Injectable } from '@nestjs/common';
import { localityExists } from '@steppingstone/areas';
import { Actor, addDays, AuditLog, Tenancy } from '@steppingstone/core';
import { organisationProfile } from '@steppingstone/organisations';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { JobView, loadJobs } from './job-view';
import { PaidRoles } from './paid-roles';
import { insertJob } from './record-job';

export interface AppointCommand {
  personId: string;
  localityId: string;
  startsOn: string;
  /** Defaults to the end of the role's fixed term (the day before the same date N months on). */
  contractEndsOn?: string | null;
}

/**
 * Appoints a person to one of the programme's paid posts in a locality. The post is a job like any
 * other (so the funnel and sustainment count it), with the organisation as employer; a locality's
 * posts are limited to the role's number per locality over the contract's dates.
 */
@Injectable()
export class AppointPostHolder {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly roles: PaidRoles,
  ) {}

  run(actor: Actor, paidRoleId: string, command: AppointCommand): Promise<JobView> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      // The role's row lock serialises appointments, so two cannot both take the last post.
      const role = await this.roles.find(manager, org, paidRoleId, true);
      if (!(await localityExists(manager, org, command.localityId)))
        throw new ProgressionError(Code.ReferenceNotFound, 'localityId does not name a locality of this organisation', [
          { field: 'localityId', rule: 'exists', message: 'localityId must be a locality of this organisation' },
        ]);
      const contractEndsOn = command.contractEndsOn ?? (role.fixedTermMonths ? endOfTerm(command.startsOn, role.fixedTermMonths) : null);
      const [{ held }]: Array<{ held: number }> = await manager.query(
        `SELECT count(*)::int AS held FROM jobs WHERE organisation_id = $1 AND paid_role_id = $2 AND locality_id = $3
            AND starts_on <= coalesce($5::date, 'infinity'::date) AND coalesce(ended_on, contract_ends_on, 'infinity'::date) >= $4::date`,
        [org, paidRoleId, command.localityId, command.startsOn, contractEndsOn],
      );
      if (held >= role.postsPerLocality) {
        const message = `All ${role.postsPerLocality} ${role.title} post(s) in this locality are held during those dates`;
        throw new ProgressionError(Code.PostsFilled, message, [{ field: 'localityId', rule: 'postAvailable', message }]);
      }
      const organisation = (await organisationProfile(manager, org))!;
      const id = await insertJob(manager, actor, {
        personId: command.personId,
        paidRoleId,
        localityId: command.localityId,
        employer: organisation.name,
        title: role.title,
        sector: 'Peer support',
        hoursPerWeek: role.hoursPerWeek,
        contractType: role.fixedTermMonths ? 'fixed-term' : 'permanent',
        startsOn: command.startsOn,
        contractEndsOn,
      });
      await this.audit.record(manager, actor, {
        action: 'paid-role.appointed',
        entityType: 'job',
        entityId: id,
        details: { paidRoleId, personId: command.personId, localityId: command.localityId, contractEndsOn },
      });
      return (await loadJobs(manager, org, 'j.id = :id', { id }))[0];
    });
  }
}

/** The last day of a term of `months` from `startsOn`: 1 March + 18 months ends on 31 August the next year. */
export function endOfTerm(startsOn: string, months: number): string {
  const [y, m, d] = startsOn.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return addDays(target.toISOString().slice(0, 10), -1);
}
