import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { client, read } from '../../api';
import { asBody, Checkboxes, ErrorSummary, given, SelectField, TextField, useAnswers, useFormErrors, wholeNumber } from '../../forms';
import { word } from '../../format';
import { Intake, Member } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';

function CohortForm({ intakes, trainers, chosenIntake }: { intakes: Intake[]; trainers: Member[]; chosenIntake: string }) {
  const ids = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, set } = useAnswers({ intakeId: intakes.some((i) => i.id === chosenIntake) ? chosenIntake : (intakes[0]?.id ?? ''), name: '', startsOn: '', capacity: '', venue: '' });
  const [trainerUserIds, setTrainerUserIds] = useState<string[]>([]);
  const intake = intakes.find((i) => i.id === values.intakeId);
  const create = useMutation({
    // A cohort belongs to the programme of the intake it draws from, so the coordinator chooses only the intake.
    mutationFn: () => read(client.POST('/cohorts', { body: asBody({ ...given({ ...values, programmeId: intake?.programmeId, capacity: wholeNumber(values.capacity) }), trainerUserIds }) })),
    onSuccess: (cohort) => {
      void queryClient.invalidateQueries({ queryKey: ['cohorts'] });
      void navigate(`/cohorts/${cohort.id}/setup`);
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={idOf} />
      <SelectField id={idOf('intakeId')} field="intakeId" label="Intake it draws from" value={values.intakeId} onChange={set('intakeId')} error={errorOf('intakeId') ?? errorOf('programmeId')}>
        {intakes.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} ({word(i.status)})
          </option>
        ))}
      </SelectField>
      <TextField id={idOf('name')} field="name" label="Cohort name" hint="For example: Spring 2026, North" required value={values.name} onChange={set('name')} error={errorOf('name')} />
      <TextField id={idOf('startsOn')} field="startsOn" label="Start date" type="date" required value={values.startsOn} onChange={set('startsOn')} error={errorOf('startsOn')} />
      <TextField
        id={idOf('capacity')}
        field="capacity"
        label="Places"
        type="number"
        inputMode="numeric"
        min={1}
        required
        value={values.capacity}
        onChange={set('capacity')}
        error={errorOf('capacity')}
      />
      <TextField id={idOf('venue')} field="venue" label="Venue (optional)" value={values.venue} onChange={set('venue')} error={errorOf('venue')} />
      <Checkboxes
        id={idOf('trainerUserIds')}
        field="trainerUserIds"
        legend="Trainers"
        hint={trainers.length === 0 ? 'No one in the organisation has the trainer role yet; an administrator can invite one from Members.' : undefined}
        error={errorOf('trainerUserIds')}
        options={trainers.map((t) => ({ value: t.userId, label: t.name }))}
        values={trainerUserIds}
        onChange={setTrainerUserIds}
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create cohort'}
      </button>
    </form>
  );
}

/**
 * The intakes a cohort can draw from, always including the one the coordinator came from. The cached
 * list may predate that intake (one created seconds ago), and a form built from it would quietly
 * preselect another, so the chosen intake is read on its own and joins the list.
 */
function useIntakeChoices(chosenId: string) {
  const list = useQuery(queries.intakes());
  const chosen = useQuery({ ...queries.intake(chosenId), enabled: chosenId !== '' });
  const pending = list.isPending || (chosenId !== '' && chosen.isPending && chosen.fetchStatus !== 'idle');
  const data = list.data && (chosen.data && !list.data.some((i) => i.id === chosen.data.id) ? [chosen.data, ...list.data] : list.data);
  return { data, error: list.error, isPending: pending, refetch: list.refetch };
}

/** A new training cohort drawn from an intake, with trainers chosen from the organisation's members. */
export default function NewCohort() {
  const [search] = useSearchParams();
  const chosenIntake = search.get('intakeId') ?? '';
  const intakes = useIntakeChoices(chosenIntake);
  const trainers = useQuery(queries.trainers());
  return (
    <>
      <p>
        <Link to="/cohorts">All cohorts</Link>
      </p>
      <PageHeading>New cohort</PageHeading>
      <QueryState query={intakes} what="Loading intakes">
        {(list) =>
          list.length === 0 ? (
            <Empty>
              There is no intake to draw a cohort from. <Link to="/programmes">Create a programme and an intake</Link> first.
            </Empty>
          ) : (
            <QueryState query={trainers} what="Loading trainers">
              {(page) => <CohortForm intakes={list} trainers={page.items} chosenIntake={chosenIntake} />}
            </QueryState>
          )
        }
      </QueryState>
    </>
  );
}
