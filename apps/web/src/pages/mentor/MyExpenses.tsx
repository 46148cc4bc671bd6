import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChangeEvent, FormEvent, useId, useRef, useState } from 'react';
import { ApiError, client, ErrorDetail, friendlyMessage, read } from '../../api';
import { CATEGORY_WORDS, CLAIM_STATUS_WORDS, EXPENSE_CATEGORIES, ExpenseCategory, ExpenseClaim, fileSize, money, noLinkedPerson, refusal, todayIn } from '../../field';
import { ErrorSummary, FileField, SelectField, TextField, useAnswers, useFormErrors } from '../../forms';
import { useSession } from '../../session';
import { Empty, PageHeading, Pager, QueryState } from '../../ui';
import { uploadFile } from '../../upload';
import '../../field.css';
import { queries } from '../../queries';

/** The API's default receipt limit (RECEIPT_BODY_LIMIT, 5 MB): a bigger photo is refused here before it is sent. */
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const MAX_RECEIPTS = 5;
const MY_CLAIMS = ['me', 'expense-claims'] as const;

/** What is wrong with a chosen receipt, in words, before anything is uploaded; undefined when it can go. */
export function receiptProblem(file: File): string | undefined {
  if (!RECEIPT_TYPES.includes(file.type)) return `The receipt must be a photo (JPEG, PNG or WebP) or a PDF; "${file.name}" is not one of those`;
  if (file.size > RECEIPT_MAX_BYTES)
    return `The receipt is ${fileSize(file.size)}; the most a receipt can be is ${fileSize(RECEIPT_MAX_BYTES)}. Take the photo again at a lower resolution, or choose a smaller file`;
  return undefined;
}

function uploadRefusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 413) return `The receipt is larger than the ${fileSize(RECEIPT_MAX_BYTES)} the server takes`;
  return friendlyMessage(error);
}

/** "4.80" or "£4.80" to 480 pence; undefined for anything that is not pounds and pence. */
function pence(value: string): number | undefined {
  const match = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function ClaimForm() {
  const ids = useId();
  const { organisation } = useSession();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const blank = () => ({ incurredOn: todayIn(organisation.timeZone), category: 'public-transport' as ExpenseCategory, description: '', amount: '', miles: '' });
  const { values, setValues, set } = useAnswers(blank);
  const [file, setFile] = useState<File | undefined>();
  const [checked, setChecked] = useState<Error | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<{ claim: ExpenseClaim; receiptError?: string } | undefined>();
  const mileage = values.category === 'mileage';
  const claim = useMutation({
    mutationFn: async () => {
      const created = await read(
        client.POST('/me/expense-claims', {
          body: {
            incurredOn: values.incurredOn,
            category: values.category,
            description: values.description.trim(),
            ...(mileage ? { miles: Number(values.miles) } : { amountPence: pence(values.amount) }),
          },
        }),
      );
      // The claim stands without its receipt: a failed upload is reported and can be done again from the list.
      if (!file) return { claim: created };
      try {
        return { claim: await uploadFile<ExpenseClaim>(`/me/expense-claims/${created.id}/receipts`, file) };
      } catch (error) {
        return { claim: created, receiptError: uploadRefusal(error) };
      }
    },
    onSuccess: (result) => {
      setDone(result);
      setValues(blank());
      setFile(undefined);
      if (fileInput.current) fileInput.current.value = '';
      void queryClient.invalidateQueries({ queryKey: MY_CLAIMS });
    },
  });
  const error = checked ?? claim.error;
  const { formRef, summaryRef, errorOf } = useFormErrors(error, attempt);
  const idOf = (field: string) => `${ids}-${field === 'amountPence' ? 'amount' : field}`;

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setFile(chosen);
    const problem = chosen && receiptProblem(chosen);
    setChecked(problem ? refusal([{ field: 'receipt', rule: 'receipt', message: problem }]) : undefined);
    if (problem) setAttempt(attempt + 1);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    setAttempt(attempt + 1);
    const problems: ErrorDetail[] = [];
    if (mileage && !(Number(values.miles) > 0 && /^\d+(\.\d)?$/.test(values.miles.trim()))) problems.push({ field: 'miles', rule: 'number', message: 'Enter the miles you drove, like 12 or 12.5' });
    if (!mileage && pence(values.amount) === undefined) problems.push({ field: 'amountPence', rule: 'money', message: 'Enter the amount in pounds and pence, like 4.80' });
    if (!values.description.trim()) problems.push({ field: 'description', rule: 'required', message: 'Say what the expense was for' });
    const fileProblem = file && receiptProblem(file);
    if (fileProblem) problems.push({ field: 'receipt', rule: 'receipt', message: fileProblem });
    const refused = refusal(problems);
    setChecked(refused);
    if (!refused) claim.mutate();
  }

  const receiptError = errorOf('receipt');
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Claim an expense</h2>
      <ErrorSummary error={error} summaryRef={summaryRef} idOf={idOf} />
      {done && (
        <div className={done.receiptError ? 'warning' : 'success'} role="status">
          <p>
            Claimed {money(done.claim.amountPence)}
            {done.claim.category === 'mileage' ? ` for ${done.claim.miles} miles (the amount is confirmed when it is approved)` : ''}
            {done.claim.receipts.length ? ' with its receipt' : ''}. It is waiting for approval.
          </p>
          {done.receiptError && <p>The receipt did not upload: {done.receiptError}. Add it to the claim in the list below.</p>}
        </div>
      )}
      <TextField
        id={idOf('incurredOn')}
        field="incurredOn"
        label="Date"
        type="date"
        required
        max={todayIn(organisation.timeZone)}
        value={values.incurredOn}
        onChange={set('incurredOn')}
        error={errorOf('incurredOn')}
      />
      <SelectField id={idOf('category')} field="category" label="What for" value={values.category} onChange={set('category')} error={errorOf('category')}>
        {EXPENSE_CATEGORIES.map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </SelectField>
      {mileage ? (
        <TextField
          id={idOf('miles')}
          field="miles"
          label="Miles driven"
          hint="To one decimal place, like 12.5. Paid at your organisation’s rate per mile."
          inputMode="decimal"
          autoComplete="off"
          value={values.miles}
          onChange={set('miles')}
          error={errorOf('miles')}
        />
      ) : (
        <TextField
          id={idOf('amount')}
          field="amountPence"
          label="Amount (£)"
          hint="Pounds and pence, like 4.80"
          inputMode="decimal"
          autoComplete="off"
          value={values.amount}
          onChange={set('amount')}
          error={errorOf('amountPence')}
        />
      )}
      <TextField
        id={idOf('description')}
        field="description"
        label="Description"
        hint="For example: bus to the outreach event at the library. No names of the people you support."
        maxLength={500}
        value={values.description}
        onChange={set('description')}
        error={errorOf('description')}
      />
      <FileField
        ref={fileInput}
        id={idOf('receipt')}
        field="receipt"
        label="Photo of the receipt (optional)"
        hint={`Take a photo or choose a file: JPEG, PNG, WebP or PDF, up to ${fileSize(RECEIPT_MAX_BYTES)}.`}
        error={receiptError}
        accept="image/jpeg,image/png,image/webp,application/pdf"
        capture="environment"
        onChange={chooseFile}
      >
        {file && !receiptError && (
          <p className="hint">
            Chosen: {file.name} ({fileSize(file.size)})
          </p>
        )}
      </FileField>
      <button type="submit" className="button" disabled={claim.isPending}>
        {claim.isPending ? 'Sending…' : 'Send claim'}
      </button>
    </form>
  );
}

function AddReceipt({ claim }: { claim: ExpenseClaim }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: (file: File) => uploadFile<ExpenseClaim>(`/me/expense-claims/${claim.id}/receipts`, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: MY_CLAIMS }),
    onError: (error) => setProblem(uploadRefusal(error)),
  });
  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const refused = receiptProblem(file);
    setProblem(refused);
    if (!refused) add.mutate(file);
  }
  return (
    <FileField
      id={id}
      label="Add a receipt photo"
      fieldClass="field add-receipt"
      error={problem}
      errorAlert
      accept="image/jpeg,image/png,image/webp,application/pdf"
      capture="environment"
      disabled={add.isPending}
      onChange={choose}
    >
      {add.isPending && <p role="status">Uploading…</p>}
    </FileField>
  );
}

function Claims() {
  const { format } = useSession();
  const [page, setPage] = useState(1);
  const claims = useQuery(queries.myClaims(page));
  return (
    <section aria-labelledby="my-claims-heading">
      <h2 id="my-claims-heading">Your claims</h2>
      <QueryState query={claims} what="Loading your claims">
        {(list) =>
          list.items.length === 0 ? (
            <Empty>No claims yet.</Empty>
          ) : (
            <>
              <ul className="plain entries">
                {list.items.map((c) => (
                  <li className={`card entry ${c.status}`} key={c.id}>
                    <p className="entry-title">
                      <strong>{money(c.amountPence)}</strong> · {format.date(c.incurredOn)} · {CATEGORY_WORDS[c.category]}
                      {c.miles !== null ? ` (${c.miles} miles)` : ''}
                    </p>
                    <p className="entry-facts">
                      {c.description} · {c.receipts.length === 0 ? 'no receipt' : c.receipts.length === 1 ? '1 receipt' : `${c.receipts.length} receipts`}
                    </p>
                    <p className={`status-tag ${c.status}`}>
                      {CLAIM_STATUS_WORDS[c.status]}
                      {c.exportBatchId ? ', sent for payment' : c.status === 'approved' ? ', waiting to be paid' : ''}
                    </p>
                    {c.status === 'rejected' && c.reviewNote && (
                      <p className="query-note">
                        <strong>Why:</strong> {c.reviewNote}
                      </p>
                    )}
                    {c.status === 'submitted' && c.receipts.length < MAX_RECEIPTS && <AddReceipt claim={c} />}
                  </li>
                ))}
              </ul>
              <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} label="Your claims" />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

/** The mentor's phone page for expenses: a claim with a photo of its receipt, or mileage, and each claim's state. */
export default function MyExpenses() {
  const probe = useQuery({ ...queries.myClaims(1), retry: false });
  if (noLinkedPerson(probe.error)) {
    return (
      <>
        <PageHeading>My expenses</PageHeading>
        <p className="notice">Your sign-in is not linked to your record yet, so there is nowhere to claim expenses. Ask your coordinator to link it.</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>My expenses</PageHeading>
      <ClaimForm />
      <Claims />
    </>
  );
}
