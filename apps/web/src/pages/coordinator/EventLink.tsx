import { useMutation } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { asBody, ErrorSummary, TextField, useFormErrors, wholeNumber } from '../../forms';
import { useSession } from '../../session';
import { Intake } from '../../types';

/**
 * A link to the public form for a recruitment event (a library, a job centre), where many people
 * apply over one connection: until it expires it is not held to the limit per address.
 */
export function EventLink({ intake }: { intake: Intake }) {
  const { format } = useSession();
  const ids = { hours: useId(), url: useId() };
  const [hours, setHours] = useState('6');
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: () => read(client.POST('/intakes/{id}/event-links', { params: { path: { id: intake.id } }, body: asBody({ hours: wholeNumber(hours) }) })),
    onSuccess: () => setCopied(false),
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  async function copy(url: string) {
    await navigator.clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <section aria-labelledby="event-link-heading">
      <h2 id="event-link-heading">Event link</h2>
      <p>
        For a recruitment event where many people apply from one connection: applications through this link are not limited per connection until it expires. The form checks everything else as usual.
      </p>
      <form ref={formRef} onSubmit={submit} noValidate>
        <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={() => ids.hours} />
        <TextField
          id={ids.hours}
          field="hours"
          label="Hours the link works"
          hint="From now; up to a week (168 hours)."
          inputMode="numeric"
          value={hours}
          onChange={setHours}
          error={errorOf('hours')}
        />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create an event link'}
        </button>
      </form>
      {create.data && (
        <div className="success" role="status">
          <TextField id={ids.url} label={`Event link, working until ${format.dateTime(create.data.expiresAt)}`} value={create.data.url} onFocus={(e) => e.target.select()} />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => void copy(create.data.url)}>
              Copy link
            </button>
            {copied && <p>Copied.</p>}
          </div>
        </div>
      )}
    </section>
  );
}
