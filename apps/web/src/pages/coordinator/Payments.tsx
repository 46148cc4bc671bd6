import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, client, friendlyMessage, read } from '../../api';
import { downloadFile } from '../../download';
import { CATEGORY_WORDS, money, PaymentBatch } from '../../field';
import { useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import '../../field.css';
import { queries } from '../../queries';

const BATCHES = ['expense-batches'] as const;

const batchFile = (batch: PaymentBatch) => `expenses-${batch.createdAt.slice(0, 10)}-${batch.id.slice(0, 8)}.csv`;
const batchName = (batch: PaymentBatch) => `Batch ${batch.id.slice(0, 8)}`;

/**
 * Payment export: every approved claim not yet paid goes into one new batch (the API marks each
 * claim with it, so no claim is paid twice), and the batch's CSV downloads at once. Earlier
 * batches stay listed; downloading one again gives the same file.
 */
export default function Payments() {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const waiting = useQuery(queries.claimsWaiting());
  const batches = useQuery(queries.paymentBatches());
  const [downloadError, setDownloadError] = useState<unknown>();
  const resultRef = useRef<HTMLDivElement>(null);
  const exportBatch = useMutation({
    mutationFn: async () => {
      const batch = await read<PaymentBatch>(client.POST('/expense-batches'));
      // The batch exists once the API answers; a failed download is retried from the list below, never by exporting again.
      await downloadFile(`/expense-batches/${batch.id}/download`, batchFile(batch)).catch((error: unknown) => setDownloadError(error));
      return batch;
    },
    onMutate: () => setDownloadError(undefined),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['expense-claims'] });
      void queryClient.invalidateQueries({ queryKey: BATCHES });
      setTimeout(() => resultRef.current?.focus());
    },
  });
  const redownload = useMutation({ mutationFn: (batch: PaymentBatch) => downloadFile(`/expense-batches/${batch.id}/download`, batchFile(batch)) });
  const nothingWaiting = exportBatch.error instanceof ApiError && exportBatch.error.status === 409;

  return (
    <>
      <PageHeading>Payments</PageHeading>
      <div ref={resultRef} tabIndex={-1} role="status" aria-live="polite" className="live-result">
        {exportBatch.isSuccess && (
          <div className="success">
            <p>
              {batchName(exportBatch.data)} exported: {exportBatch.data.claimCount} claim{exportBatch.data.claimCount === 1 ? '' : 's'}, {money(exportBatch.data.totalPence)}. The payment file{' '}
              {downloadError ? 'did not download' : 'has downloaded'}; these claims will not be exported again.
            </p>
            {downloadError ? <p>{friendlyMessage(downloadError)} Download it from the list of batches below.</p> : null}
          </div>
        )}
        {nothingWaiting && <p className="notice">{friendlyMessage(exportBatch.error)}</p>}
      </div>
      {exportBatch.isError && !nothingWaiting && <ErrorMessage error={exportBatch.error} />}

      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Approved claims waiting for payment</h2>
        <QueryState query={waiting} what="Loading the approved claims">
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No approved claims are waiting for payment.</Empty>
            ) : (
              <>
                <p>
                  <strong>
                    {page.total} claim{page.total === 1 ? '' : 's'}
                  </strong>
                  {page.total <= page.items.length ? `, ${money(page.items.reduce((sum, c) => sum + c.amountPence, 0))} in all` : ''}. Exporting puts all of them in one payment batch.
                </p>
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Approved claims (scrolls sideways on a small screen)">
                  <table>
                    <caption>Approved claims not yet exported</caption>
                    <thead>
                      <tr>
                        <th scope="col">Who</th>
                        <th scope="col">Date</th>
                        <th scope="col">What for</th>
                        <th scope="col" className="number">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((c) => (
                        <tr key={c.id}>
                          <td>{c.personName}</td>
                          <td>{format.date(c.incurredOn)}</td>
                          <td>
                            {CATEGORY_WORDS[c.category] ?? c.category}: {c.description}
                          </td>
                          <td className="number">{money(c.amountPence)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <button type="button" className="button" disabled={exportBatch.isPending} onClick={() => exportBatch.mutate()}>
                  {exportBatch.isPending ? 'Exporting…' : 'Export the payment file (CSV)'}
                </button>
              </>
            )
          }
        </QueryState>
      </section>

      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading">Payment batches</h2>
        <QueryState query={batches} what="Loading the payment batches">
          {(list) =>
            list.length === 0 ? (
              <Empty>Nothing has been exported yet.</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Payment batches (scrolls sideways on a small screen)">
                <table>
                  <caption>Batches exported, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Batch</th>
                      <th scope="col">Exported</th>
                      <th scope="col" className="number">
                        Claims
                      </th>
                      <th scope="col" className="number">
                        Total
                      </th>
                      <th scope="col">File</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((b) => (
                      <tr key={b.id}>
                        <th scope="row">{batchName(b)}</th>
                        <td>{format.dateTime(b.createdAt)}</td>
                        <td className="number">{b.claimCount}</td>
                        <td className="number">{money(b.totalPence)}</td>
                        <td>
                          <button type="button" className="button secondary small" disabled={redownload.isPending} onClick={() => redownload.mutate(b)}>
                            Download again<span className="visually-hidden"> {batchName(b)}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
        {redownload.isError && <ErrorMessage error={redownload.error} />}
      </section>
    </>
  );
}
