import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { client, friendlyMessage, read } from '../../api';
import { downloadFile } from '../../download';
import { ActivityEntry, CATEGORY_WORDS, duration, ExpenseClaim, fileSize, KIND_WORDS, money } from '../../field';
import { TextAreaField } from '../../forms';
import { useSession } from '../../session';
import { Empty, PageHeading, QueryState } from '../../ui';
import '../../field.css';
import { queries } from '../../queries';

const ACTIVITY_QUEUE = ['activity', 'queue'] as const;
const QUEUE_SIZE = 50;

type Decision = 'approve' | 'refuse';

/**
 * One waiting item: approve at once, or give a reason to query (activity) or reject (a claim). The
 * reason box opens in place and takes focus; an empty reason is refused before anything is sent.
 */
function QueueItem({
  heading,
  children,
  refuseLabel,
  reasonLabel,
  reasonHint,
  busy,
  onDecide,
}: {
  heading: string;
  children: ReactNode;
  refuseLabel: string;
  reasonLabel: string;
  reasonHint: string;
  busy: boolean;
  onDecide: (decision: Decision, note?: string) => void;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking, problem]);
  function send(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(`Enter the reason: ${reasonHint.toLowerCase()}`);
      reasonRef.current?.focus();
      return;
    }
    setProblem(undefined);
    onDecide('refuse', reason.trim());
  }
  return (
    <li className="card queue-item">
      <h3>{heading}</h3>
      {children}
      <div className="actions">
        <button type="button" className="button approve" disabled={busy} onClick={() => onDecide('approve')}>
          Approve<span className="visually-hidden">: {heading}</span>
        </button>
        <button type="button" ref={openerRef} className="button secondary" aria-expanded={asking} aria-controls={asking ? `${id}-form` : undefined} disabled={busy} onClick={() => setAsking(!asking)}>
          {refuseLabel}…<span className="visually-hidden"> {heading}</span>
        </button>
      </div>
      {asking && (
        <form id={`${id}-form`} onSubmit={send} noValidate className="reason-form">
          <TextAreaField id={`${id}-reason`} ref={reasonRef} label={reasonLabel} hint={reasonHint} error={problem} rows={3} maxLength={1000} value={reason} onChange={setReason} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {refuseLabel}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setAsking(false);
                setProblem(undefined);
                openerRef.current?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/**
 * After a decision the item leaves the list: focus goes to the item that took its place (or the
 * one before it, or the queue's heading when it is empty), so a keyboard user carries on down the queue.
 */
function useFocusAfterDecision(items: unknown[] | undefined) {
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (pending.current === undefined || !items) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.approve') ?? [];
    const target = buttons[Math.min(pending.current, buttons.length - 1)] ?? headingRef.current;
    pending.current = undefined;
    target?.focus();
  }, [items]);
  return { listRef, headingRef, after: (index: number) => (pending.current = index) };
}

/**
 * One queue on the page: its heading with how many wait, the newest items (saying when there are
 * more), or that nothing waits; the list and heading are where focus goes after each decision.
 */
function Queue<Item extends { id: string }>({
  id,
  title,
  what,
  empty,
  queue,
  focus: { listRef, headingRef },
  children,
}: {
  id: string;
  title: string;
  what: string;
  empty: string;
  queue: { data: { items: Item[]; total: number } | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  focus: Pick<ReturnType<typeof useFocusAfterDecision>, 'listRef' | 'headingRef'>;
  children: (item: Item, index: number) => ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {title}
        {queue.data ? ` (${queue.data.total})` : ''}
      </h2>
      <QueryState query={queue} what={what}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{empty}</Empty>
          ) : (
            <>
              {page.total > page.items.length && (
                <p className="hint">
                  Showing the newest {page.items.length} of {page.total}; the rest appear as these are decided.
                </p>
              )}
              <ul className="plain queue" ref={listRef}>
                {page.items.map((item, index) => children(item, index))}
              </ul>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function ActivityQueue({ announce }: { announce: (message: string) => void }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const queue = useQuery(queries.activityQueue(QUEUE_SIZE));
  const { after, ...focus } = useFocusAfterDecision(queue.data?.items);
  const review = useMutation({
    mutationFn: ({ entry, decision, note }: { entry: ActivityEntry; index: number; decision: Decision; note?: string }) =>
      read(
        client.POST('/activity/{id}/review', {
          params: { path: { id: entry.id } },
          body: { decision: decision === 'approve' ? 'approve' : 'query', version: entry.version, ...(note ? { note } : {}) },
        }),
      ),
    onSuccess: (entry, { index }) => {
      announce(`${entry.status === 'approved' ? 'Approved' : 'Queried'}: ${entry.personName}, ${duration(entry.minutes)} on ${format.date(entry.occurredOn)}.`);
      after(index);
      void queryClient.invalidateQueries({ queryKey: ACTIVITY_QUEUE });
    },
    onError: (error, { entry, index }) => {
      announce(`Not saved for ${entry.personName}: ${friendlyMessage(error)}`);
      after(index);
      void queryClient.invalidateQueries({ queryKey: ACTIVITY_QUEUE });
    },
  });
  return (
    <Queue id="activity-queue-heading" title="Activity waiting for approval" what="Loading the activity queue" empty="No activity is waiting for approval." queue={queue} focus={focus}>
      {(entry, index) => (
        <QueueItem
          key={entry.id}
          heading={`${entry.personName}: ${duration(entry.minutes)}, ${KIND_WORDS[entry.kind] ?? entry.kind}`}
          refuseLabel="Query"
          reasonLabel="What needs checking"
          reasonHint="The mentor sees this and can change the entry"
          busy={review.isPending}
          onDecide={(decision, note) => review.mutate({ entry, index, decision, note })}
        >
          <dl className="facts">
            <dt>Date</dt>
            <dd>{format.date(entry.occurredOn)}</dd>
            <dt>People reached</dt>
            <dd>{entry.peopleReached ?? 'Not given'}</dd>
            <dt>Where</dt>
            <dd>{entry.localityName ?? 'Not given'}</dd>
            {entry.note && (
              <>
                <dt>Note</dt>
                <dd>{entry.note}</dd>
              </>
            )}
          </dl>
        </QueueItem>
      )}
    </Queue>
  );
}

function ReceiptLinks({ claim }: { claim: ExpenseClaim }) {
  const [error, setError] = useState<string | undefined>();
  if (claim.receipts.length === 0) return <>None</>;
  return (
    <>
      <ul className="plain">
        {claim.receipts.map((r, i) => (
          <li key={r.id}>
            <button
              type="button"
              className="button link-like"
              onClick={() => downloadFile(`/expense-claims/${claim.id}/receipts/${r.id}`, `receipt-${i + 1}`).catch((e: unknown) => setError(friendlyMessage(e)))}
            >
              Download receipt {i + 1} ({r.contentType === 'application/pdf' ? 'PDF' : 'photo'}, {fileSize(r.sizeBytes)})
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

function ClaimQueue({ announce }: { announce: (message: string) => void }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const queue = useQuery(queries.claimQueue(QUEUE_SIZE));
  const { after, ...focus } = useFocusAfterDecision(queue.data?.items);
  const review = useMutation({
    mutationFn: ({ claim, decision, note }: { claim: ExpenseClaim; index: number; decision: Decision; note?: string }) =>
      read(
        client.POST('/expense-claims/{id}/review', {
          params: { path: { id: claim.id } },
          body: { decision: decision === 'approve' ? 'approve' : 'reject', version: claim.version, ...(note ? { note } : {}) },
        }),
      ),
    onSuccess: (claim, { index }) => {
      announce(`${claim.status === 'approved' ? 'Approved' : 'Rejected'}: ${claim.personName}, ${money(claim.amountPence)} for ${CATEGORY_WORDS[claim.category]?.toLowerCase() ?? claim.category}.`);
      after(index);
      void queryClient.invalidateQueries({ queryKey: ['expense-claims'] });
    },
    onError: (error, { claim, index }) => {
      announce(`Not saved for ${claim.personName}: ${friendlyMessage(error)}`);
      after(index);
      void queryClient.invalidateQueries({ queryKey: ['expense-claims'] });
    },
  });
  return (
    <Queue id="claim-queue-heading" title="Expense claims waiting for approval" what="Loading the claims queue" empty="No claims are waiting for approval." queue={queue} focus={focus}>
      {(claim, index) => (
        <QueueItem
          key={claim.id}
          heading={`${claim.personName}: ${money(claim.amountPence)}, ${CATEGORY_WORDS[claim.category] ?? claim.category}`}
          refuseLabel="Reject"
          reasonLabel="Why it is not approved"
          reasonHint="The claimant sees this"
          busy={review.isPending}
          onDecide={(decision, note) => review.mutate({ claim, index, decision, note })}
        >
          <dl className="facts">
            <dt>Date</dt>
            <dd>{format.date(claim.incurredOn)}</dd>
            <dt>Description</dt>
            <dd>{claim.description}</dd>
            {claim.miles !== null && (
              <>
                <dt>Miles</dt>
                <dd>{claim.miles} (the amount is priced at the mileage rates when approved)</dd>
              </>
            )}
            <dt>Receipts</dt>
            <dd>
              <ReceiptLinks claim={claim} />
            </dd>
          </dl>
        </QueueItem>
      )}
    </Queue>
  );
}

/** The coordinator's approval queues: logged activity and expense claims, each approved or sent back with a reason. */
export default function Approvals() {
  const [message, setMessage] = useState('');
  return (
    <>
      <PageHeading>Approvals</PageHeading>
      <p>Approve each entry and claim, or query an entry or reject a claim with a reason the mentor will see. Approved claims go into the next payment file.</p>
      {/* Always in the page, so screen readers announce each decision as it is written into it. */}
      <div className="live-result" role="status" aria-live="polite" aria-atomic="true">
        {message && <p className="success">{message}</p>}
      </div>
      <ActivityQueue announce={setMessage} />
      <ClaimQueue announce={setMessage} />
    </>
  );
}
