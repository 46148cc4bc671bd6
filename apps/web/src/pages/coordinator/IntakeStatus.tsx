import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { client, read } from '../../api';
import { word } from '../../format';
import { Intake, Schema } from '../../types';
import { ErrorMessage } from '../../ui';

/** The moves an intake's status allows from where it is; the API decides and says why if it refuses. */
const MOVES: Record<string, Array<{ to: Schema<'IntakeStatusDto'>['status']; label: string }>> = {
  draft: [{ to: 'open', label: 'Open for applications' }],
  open: [{ to: 'closed', label: 'Close applications' }],
  closed: [
    { to: 'open', label: 'Reopen applications' },
    { to: 'archived', label: 'Archive intake' },
  ],
  archived: [],
};

export function IntakeStatus({ intake }: { intake: Intake }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: Schema<'IntakeStatusDto'>['status']) => read(client.POST('/intakes/{id}/status', { params: { path: { id: intake.id } }, body: { status } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['intakes', intake.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['intakes'] });
    },
  });
  return (
    <section aria-labelledby="intake-status-heading">
      <h2 id="intake-status-heading">Status and next steps</h2>
      <div className="actions">
        {(MOVES[intake.status] ?? []).map((move) => (
          <button key={move.to} type="button" className={move.to === 'archived' ? 'button secondary' : 'button'} disabled={change.isPending} onClick={() => change.mutate(move.to)}>
            {move.label}
          </button>
        ))}
        <Link className="button secondary" to={`/cohorts/new?intakeId=${intake.id}`}>
          Create a cohort from this intake
        </Link>
      </div>
      {change.isSuccess && (
        <p className="success" role="status">
          The intake is now {word(change.data.status).toLowerCase()}.
        </p>
      )}
      {change.isError && <ErrorMessage error={change.error} />}
    </section>
  );
}
