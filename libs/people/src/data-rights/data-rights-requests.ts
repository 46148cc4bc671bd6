import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Outbox, QueueName, Tenancy } from '@steppingstone/core';
import { PeopleError, PeopleErrorCode } from '../people.error';
import { People } from '../people';
import { DataRightsError, DataRightsErrorCode as Code } from './data-rights.error';
import { ErasePerson } from './erase-person';
import { exportCounts, ExportPersonData } from './person-data-export';

export type DataRightsKind = 'erase' | 'export';
export type DataRightsStatus = 'pending' | 'running' | 'done' | 'failed';

export const DATA_RIGHTS_REQUEST_JOB = 'data-rights-request';

/** The job's data: ids only. */
export interface DataRightsRequestJob {
  organisationId: string;
  requestId: string;
}

export interface DataRightsRequestView {
  id: string;
  kind: DataRightsKind;
  personId: string;
  requestedBy: string | null;
  status: DataRightsStatus;
  attempts: number;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Where a finished export is fetched from; null until then, and for erasures. */
  downloadPath: string | null;
}

interface RequestRow {
  id: string;
  kind: DataRightsKind;
  person_id: string;
  requested_by: string | null;
  status: DataRightsStatus;
  attempts: number;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  has_result: boolean;
}

const COLUMNS = `id, kind, person_id, requested_by, status, attempts, error, requested_at, started_at, finished_at, result IS NOT NULL AS has_result`;

/** How long a finished export waits to be downloaded: it is a full copy of someone's record. */
export const EXPORT_KEPT_DAYS = 30;

/**
 * Erasure and subject-access requests, run by the worker rather than inside the request: the
 * request row and its outbox row commit together, so an accepted request is never lost, and the
 * job does the existing erasure or export in one transaction with the request's completion, so a
 * retried job finds the request done and does nothing twice.
 */
@Injectable()
export class DataRightsRequests {
  private readonly logger = new Logger(DataRightsRequests.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly people: People,
    private readonly erasePerson: ErasePerson,
    private readonly exportPersonData: ExportPersonData,
  ) {}

  async request(actor: Actor, kind: DataRightsKind, personId: string): Promise<DataRightsRequestView> {
    const organisationId = actor.organisationId;
    const id = randomUUID();
    const view = await this.tenancy.run(organisationId, async (manager) => {
      await this.people.find(manager, organisationId, personId);
      const [row]: RequestRow[] = await manager.query(`INSERT INTO data_rights_requests (organisation_id, id, kind, person_id, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`, [
        organisationId,
        id,
        kind,
        personId,
        actor.userId,
      ]);
      await this.outbox.stage(manager, organisationId, {
        queue: QueueName.Maintenance,
        jobName: DATA_RIGHTS_REQUEST_JOB,
        jobId: dataRightsJobId(id),
        payload: { organisationId, requestId: id } satisfies DataRightsRequestJob,
      });
      await this.audit.record(manager, actor, { action: `data-rights.${kind}-requested`, entityType: 'person', entityId: personId, details: { requestId: id } });
      return toView(row);
    });
    await this.outbox.relaySoon(organisationId);
    return view;
  }

  get(actor: Actor, id: string): Promise<DataRightsRequestView> {
    return this.tenancy.run(actor.organisationId, async (manager) => toView(await this.find(manager, actor.organisationId, id)));
  }

  /** The export's document, as the job stored it; the download is audit-logged like the export itself. */
  download(actor: Actor, id: string): Promise<Buffer> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const row = await this.find(manager, actor.organisationId, id);
      if (row.kind !== 'export' || row.status !== 'done') {
        const message = row.kind === 'export' ? `The export is ${row.status}; download it once its status is done` : 'Only an export request has a download';
        throw new DataRightsError(Code.ExportNotReady, message, [], { status: row.status });
      }
      if (!row.has_result) {
        throw new DataRightsError(
          Code.ExportGone,
          `The export is no longer kept (exports are removed after ${EXPORT_KEPT_DAYS} days, and when their person is erased or anonymised); request a new one`,
        );
      }
      const [{ result }]: Array<{ result: Buffer }> = await manager.query(`SELECT result FROM data_rights_requests WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, id]);
      await this.audit.record(manager, actor, { action: 'data-rights.export-downloaded', entityType: 'person', entityId: row.person_id, details: { requestId: id } });
      return result;
    });
  }

  /**
   * The job. The request is locked for the whole run, so two copies of the job cannot both do the
   * work; whichever comes second finds it done. A failure rolls the work back and is recorded on
   * the request (marked failed on the last attempt, so an admin sees it) before BullMQ retries.
   */
  async process(job: DataRightsRequestJob, lastAttempt: boolean): Promise<DataRightsStatus> {
    const { organisationId, requestId } = job;
    try {
      return await this.tenancy.run(organisationId, async (manager) => {
        const [row]: RequestRow[] = await manager.query(`SELECT ${COLUMNS} FROM data_rights_requests WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, requestId]);
        if (!row) return 'failed';
        if (row.status === 'done' || row.status === 'failed') return row.status;
        await manager.query(`UPDATE data_rights_requests SET status = 'running', started_at = coalesce(started_at, now()), attempts = attempts + 1 WHERE organisation_id = $1 AND id = $2`, [
          organisationId,
          requestId,
        ]);
        const trace = { requestId: `data-rights-request:${requestId}` };
        try {
          if (row.kind === 'erase') {
            const outcome = await this.erasePerson.within(manager, organisationId, row.person_id);
            await this.audit.recordUnauthenticated(
              trace,
              organisationId,
              row.requested_by,
              { action: 'person.erased', entityType: 'person', entityId: row.person_id, details: { ...outcome, requestId } },
              manager,
            );
            await this.finish(manager, organisationId, requestId, null);
          } else {
            const document = await this.exportPersonData.within(manager, organisationId, row.person_id, { staffNotes: true });
            await this.audit.recordUnauthenticated(
              trace,
              organisationId,
              row.requested_by,
              { action: 'person.exported', entityType: 'person', entityId: row.person_id, details: { ...exportCounts(document), requestId } },
              manager,
            );
            await this.finish(manager, organisationId, requestId, Buffer.from(JSON.stringify(document), 'utf8'));
          }
          return 'done';
        } catch (error) {
          // Erased (or merged away) between the request and the job: nothing to do, and retrying cannot change that.
          if (!(error instanceof PeopleError && error.code === PeopleErrorCode.PersonNotFound)) throw error;
          await this.fail(manager, organisationId, requestId, 'The person is no longer in this organisation (erased or merged since the request)');
          return 'failed';
        }
      });
    } catch (error) {
      await this.tenancy.run(organisationId, (manager) =>
        manager.query(
          `UPDATE data_rights_requests SET attempts = attempts + 1, error = $3, status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END, finished_at = CASE WHEN $4 THEN now() END
            WHERE organisation_id = $1 AND id = $2 AND status IN ('pending', 'running')`,
          [organisationId, requestId, (error as Error).message.slice(0, 500), lastAttempt],
        ),
      );
      this.logger.warn(`Data rights request ${requestId} of organisation ${organisationId} failed (${(error as Error).message})${lastAttempt ? '; no attempts left' : '; will be retried'}`);
      throw error;
    }
  }

  /**
   * Requests still waiting an hour after they were made: their job was lost after the outbox's own
   * recovery window (Redis flushed, say). The caller adds them again under the same job id, which
   * BullMQ ignores for a job it still has.
   */
  async stalled(organisationId: string): Promise<DataRightsRequestJob[]> {
    const rows: Array<{ id: string }> = await this.tenancy.run(organisationId, (manager) =>
      manager.query(`SELECT id FROM data_rights_requests WHERE organisation_id = $1 AND status IN ('pending', 'running') AND requested_at < now() - interval '1 hour' ORDER BY requested_at`, [
        organisationId,
      ]),
    );
    return rows.map((r) => ({ organisationId, requestId: r.id }));
  }

  /** Daily housekeeping: exports not collected within the period are removed; the request row stays as the record. */
  expireExports(organisationId: string): Promise<number> {
    return this.tenancy.run(organisationId, async (manager) => {
      const [, count] = await manager.query(
        `UPDATE data_rights_requests SET result = NULL WHERE organisation_id = $1 AND result IS NOT NULL AND finished_at < now() - make_interval(days => ${EXPORT_KEPT_DAYS})`,
        [organisationId],
      );
      return Number(count);
    });
  }

  private async finish(manager: EntityManager, organisationId: string, id: string, result: Buffer | null): Promise<void> {
    await manager.query(`UPDATE data_rights_requests SET status = 'done', result = $3, error = NULL, finished_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, id, result]);
  }

  private async fail(manager: EntityManager, organisationId: string, id: string, error: string): Promise<void> {
    await manager.query(`UPDATE data_rights_requests SET status = 'failed', error = $3, finished_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, id, error]);
  }

  private async find(manager: EntityManager, organisationId: string, id: string): Promise<RequestRow> {
    const [row]: RequestRow[] = await manager.query(`SELECT ${COLUMNS} FROM data_rights_requests WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    if (!row) throw new DataRightsError(Code.RequestNotFound, 'Data rights request not found');
    return row;
  }
}

/** Deterministic, so the outbox relay, its recovery and the daily sweep never add the same request twice. */
export function dataRightsJobId(requestId: string): string {
  return `data-rights-request-${requestId}`;
}

function toView(row: RequestRow): DataRightsRequestView {
  return {
    id: row.id,
    kind: row.kind,
    personId: row.person_id,
    requestedBy: row.requested_by,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    downloadPath: row.has_result ? `/data-rights-requests/${row.id}/download` : null,
  };
}
