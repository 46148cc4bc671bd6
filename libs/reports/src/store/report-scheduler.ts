import { Injectable, Logger } from '@nestjs/common';
import { Outbox, Tenancy, todayIn } from '@steppingstone/core';
import { organisationProfile, PlatformOrganisations } from '@steppingstone/organisations';
import { hasApplications } from '@steppingstone/recruitment';
import { scheduledPeriod, ScheduledKind } from '../period/report-period';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../suppression/small-counts';
import { insertReport, stageReportJob } from './reports';

const KINDS: ScheduledKind[] = ['weekly', 'monthly'];

/** A report queued or running this long without finishing has lost its job (Redis flushed past the outbox's recovery window). */
const STALLED_AFTER_MINUTES = 60;

export interface ScheduleResult {
  organisations: number;
  created: number;
  restaged: number;
  failedOrganisations: number;
}

/**
 * The one scheduler job's fan-out: for each organisation, the latest complete week and month in
 * its own time zone get a report row (once: a unique index per period) and a staged job. Running
 * it hourly means each organisation's report appears within the hour after its own midnight, and a
 * missed run is made up by the next. Organisations with nobody registered yet get none, nor does a
 * period that ended before the organisation joined.
 */
@Injectable()
export class ReportScheduler {
  private readonly logger = new Logger(ReportScheduler.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly organisations: PlatformOrganisations,
    private readonly outbox: Outbox,
  ) {}

  async scheduleAll(at = new Date()): Promise<ScheduleResult> {
    const ids = await this.organisations.ids();
    const result: ScheduleResult = { organisations: ids.length, created: 0, restaged: 0, failedOrganisations: 0 };
    let firstError: unknown;
    for (const id of ids) {
      try {
        const { created, restaged } = await this.schedule(id, at);
        result.created += created;
        result.restaged += restaged;
      } catch (error) {
        result.failedOrganisations += 1;
        firstError ??= error;
        this.logger.error({ organisationId: id, err: error }, 'reports could not be scheduled for an organisation');
      }
    }
    if (firstError) throw firstError;
    return result;
  }

  async schedule(organisationId: string, at = new Date()): Promise<{ created: number; restaged: number }> {
    const counts = await this.tenancy.run(organisationId, async (manager) => {
      const org = await organisationProfile(manager, organisationId);
      if (!org || !(await hasApplications(manager, organisationId))) return { created: 0, restaged: 0 };
      const today = todayIn(org.timeZone, at);
      let created = 0;
      for (const kind of KINDS) {
        const period = scheduledPeriod(kind, today);
        // A period that ended before the organisation joined has nothing of theirs in it.
        if (period.to < org.joinedOn) continue;
        const report = await insertReport(manager, organisationId, { kind, period, shared: false, threshold: DEFAULT_SUPPRESSION_THRESHOLD, requestedBy: null });
        if (!report.created) continue;
        await stageReportJob(this.outbox, manager, organisationId, report.id);
        created += 1;
      }
      const stalled: Array<{ id: string }> = await manager.query(
        `SELECT id FROM reports WHERE organisation_id = $1 AND status IN ('queued', 'running') AND updated_at < now() - make_interval(mins => ${STALLED_AFTER_MINUTES})`,
        [organisationId],
      );
      for (const { id } of stalled) {
        await stageReportJob(this.outbox, manager, organisationId, id);
        await manager.query(`UPDATE reports SET updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
      }
      return { created, restaged: stalled.length };
    });
    if (counts.created || counts.restaged) await this.outbox.relaySoon(organisationId);
    return counts;
  }
}
