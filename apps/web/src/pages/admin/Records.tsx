import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { ErrorSummary, SelectField, TextField, useFormErrors } from '../../forms';
import { useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, Pager, QueryState } from '../../ui';
import { queries } from '../../queries';
import type { Schema } from '../../types';

type Delivery = Schema<'DeliveryPageView'>['items'][number];

interface AuditFilter {
  action: string;
  actorUserId: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: AuditFilter = { action: '', actorUserId: '', entityType: '', from: '', to: '' };

/** Calendar days from the form, as the instants the API filters on: from the start of `from` to the end of `to`. */
function queryOf(filter: AuditFilter, page: number): string {
  const query = new URLSearchParams({ page: String(page), pageSize: '25' });
  if (filter.action.trim()) query.set('action', filter.action.trim());
  if (filter.actorUserId) query.set('actorUserId', filter.actorUserId);
  if (filter.entityType.trim()) query.set('entityType', filter.entityType.trim());
  if (filter.from) query.set('from', /^\d{4}-\d{2}-\d{2}$/.test(filter.from) ? `${filter.from}T00:00:00Z` : filter.from);
  if (filter.to) query.set('to', /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString() : filter.to);
  return query.toString();
}

export function AuditLog() {
  const ids = useId();
  const { format } = useSession();
  const [draft, setDraft] = useState<AuditFilter>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const [page, setPage] = useState(1);
  const members = useQuery(queries.allMembers());
  const entries = useQuery(queries.auditLog(filter, page, queryOf(filter, page)));
  const { formRef, summaryRef, errorOf } = useFormErrors(entries.error, entries.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  const set = (field: keyof AuditFilter) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const nameOf = (userId: string | null) => (userId ? (members.data?.items.find((m) => m.userId === userId)?.name ?? 'A former member') : 'The system');
  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <p>Who did what in this organisation, newest first. Entries cannot be changed or deleted.</p>
      <form
        ref={formRef}
        noValidate
        aria-label="Filter the audit log"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setPage(1);
          setFilter(draft);
        }}
      >
        <ErrorSummary error={entries.error} summaryRef={summaryRef} idOf={idOf} />
        <div className="inline-fields">
          <TextField id={idOf('action')} field="action" label="Action" hint="For example: auth.login" value={draft.action} onChange={set('action')} error={errorOf('action')} />
          <SelectField id={idOf('actorUserId')} field="actorUserId" label="Who" value={draft.actorUserId} onChange={set('actorUserId')} error={errorOf('actorUserId')}>
            <option value="">Anyone</option>
            {(members.data?.items ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <TextField id={idOf('entityType')} field="entityType" label="Kind of record" hint="For example: person" value={draft.entityType} onChange={set('entityType')} error={errorOf('entityType')} />
          <TextField id={idOf('from')} field="from" label="From" type="date" value={draft.from} onChange={set('from')} error={errorOf('from')} />
          <TextField id={idOf('to')} field="to" label="To" type="date" value={draft.to} onChange={set('to')} error={errorOf('to')} />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Show entries
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
              setPage(1);
            }}
          >
            Clear filters
          </button>
        </div>
      </form>
      {entries.isPending ? (
        <QueryState query={entries} what="Loading the audit log">
          {() => null}
        </QueryState>
      ) : entries.data ? (
        entries.data.items.length === 0 ? (
          <Empty>No entries match.</Empty>
        ) : (
          <>
            <table className="stack-on-phone audit-entries" aria-busy={entries.isFetching}>
              <caption>Entries ({entries.data.total})</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When">{format.dateTime(e.occurredAt)}</td>
                    <td data-label="Who">{nameOf(e.actorUserId)}</td>
                    <th scope="row" data-label="Action">
                      {e.action}
                    </th>
                    <td data-label="Record">{e.entityType ? `${e.entityType} ${e.entityId ?? ''}` : '—'}</td>
                    <td data-label="Details">
                      <code>{Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : '—'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={entries.data.pageSize} total={entries.data.total} onPage={setPage} label="Audit log" />
          </>
        )
      ) : null}
    </>
  );
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => read<Delivery>(client.POST('/deliveries/{id}/retry', { params: { path: { id: delivery.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'deliveries'] }),
  });
  return (
    <tr>
      <th scope="row">{delivery.subject ?? delivery.template}</th>
      <td data-label="To">
        {delivery.recipient} ({delivery.channel === 'sms' ? 'text' : 'email'})
      </td>
      <td data-label="Why it failed">{delivery.error ?? '—'}</td>
      <td data-label="Attempts">{delivery.attempts}</td>
      <td data-label="Last tried">{format.dateTime(delivery.updatedAt ?? delivery.claimedAt)}</td>
      <td data-label="Retry">
        {retry.isSuccess ? (
          <span role="status">Sent again; it goes out shortly.</span>
        ) : delivery.retriable ? (
          <button
            type="button"
            className="button small"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
            aria-label={`Send again: ${delivery.subject ?? delivery.template} to ${delivery.recipient}`}
          >
            Send again
          </button>
        ) : (
          'Cannot be sent again from here'
        )}
        {retry.isError && <ErrorMessage error={retry.error} />}
      </td>
    </tr>
  );
}

export function FailedDeliveries() {
  const [page, setPage] = useState(1);
  const deliveries = useQuery(queries.failedDeliveries(page));
  return (
    <>
      <PageHeading>Failed deliveries</PageHeading>
      <p>Emails and texts the mail server or GOV.UK Notify refused after every attempt. Sending one again tries once more and is recorded in the audit log.</p>
      <QueryState query={deliveries} what="Loading the failed deliveries">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>Nothing has failed.</Empty>
          ) : (
            <>
              <table className="stack-on-phone">
                <caption>Failed deliveries ({list.total})</caption>
                <thead>
                  <tr>
                    <th scope="col">Message</th>
                    <th scope="col">To</th>
                    <th scope="col">Why it failed</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Last tried</th>
                    <th scope="col">Retry</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((d) => (
                    <DeliveryRow key={d.id} delivery={d} />
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} label="Failed deliveries" />
            </>
          )
        }
      </QueryState>
    </>
  );
}
