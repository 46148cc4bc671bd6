/**
 * The demo's later stages: an autumn cohort six weeks into its course with attendance taken, a
 * placement with a host organisation, a job, and the demo mentor linked to their own record so
 * /me shows them something. The placement began a fortnight ago, so the mentor has work in the field to log.
 */

import { DemoCall, must, daysFromToday, mondayFromToday } from './demo-api';

export async function seedJourney(
  call: DemoCall,
  programmeId: string,
  coordinatorToken: string,
  trainerUserId: string,
  mentorUserId: string,
): Promise<{ cohortId: string; traineeIds: string[]; placementId: string }> {
  const intake = must(
    await call('POST', '/intakes', { programmeId, name: 'Autumn intake', opensOn: daysFromToday(-90), closesOn: daysFromToday(-60), capacity: 12 }, coordinatorToken),
    201,
    'autumn intake',
  );
  must(await call('POST', `/intakes/${intake.id}/status`, { status: 'open' }, coordinatorToken), 200, 'opening the autumn intake');
  const applications: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 12; i++) {
    const application = must(
      await call(
        'POST',
        '/applications',
        {
          intakeId: intake.id,
          source: 'referral',
          referrer: 'Islington Mind',
          person: { name: `Autumn trainee ${i + 1}`, email: `autumn.${i + 1}@demo.steppingstone.local`, dateOfBirth: `19${70 + i}-05-01` },
        },
        coordinatorToken,
      ),
      201,
      'autumn application',
    );
    for (const to of ['screened', 'offered', 'accepted']) must(await call('POST', `/applications/${application.id}/move`, { to }, coordinatorToken), 200, 'autumn offer');
    applications.push(application);
  }
  must(await call('POST', `/intakes/${intake.id}/status`, { status: 'closed' }, coordinatorToken), 200, 'closing the autumn intake');

  const cohort = must(
    await call(
      'POST',
      '/cohorts',
      {
        programmeId,
        intakeId: intake.id,
        name: 'Peer Mentor training, autumn cohort',
        startsOn: mondayFromToday(-42),
        capacity: 12,
        venue: 'Finsbury Park Community Centre',
        trainerUserIds: [trainerUserId],
      },
      coordinatorToken,
    ),
    201,
    'cohort',
  );
  const enrolments = must(await call('POST', `/cohorts/${cohort.id}/enrolments`, { applicationIds: applications.map((a) => a.id) }, coordinatorToken), 201, 'enrolments') as unknown as Array<{
    id: string;
    personId: string;
  }>;
  const sessions = (await call('POST', `/cohorts/${cohort.id}/schedule`, { weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120 }, coordinatorToken)).body as unknown as Array<{
    id: string;
    startsAt: string;
    registerVersion: number;
  }>;
  if (!Array.isArray(sessions)) throw new Error(`Demo schedule failed: ${JSON.stringify(sessions).slice(0, 300)}`);
  const people = applications.map((a) => a.personId as string);
  for (const [week, session] of sessions.entries()) {
    if (new Date(session.startsAt).getTime() > Date.now()) break;
    // Most come; two miss a few weeks in a row, so the at-risk list has something to say.
    const entries = people.map((personId, i) => ({ personId, status: (i === 3 && week >= 3) || (i === 7 && week >= 4) ? 'absent' : i === 5 && week === 2 ? 'late' : 'present' }));
    must(await call('PUT', `/sessions/${session.id}/register`, { version: session.registerVersion, entries }, coordinatorToken), 200, 'register');
  }

  // Trainee 8 stopped coming and has now left, so the withdrawals and drop-out figures have a reason to show.
  const leaver = enrolments.find((e) => e.personId === people[7]);
  if (leaver)
    must(
      await call(
        'POST',
        `/enrolments/${leaver.id}/withdrawal`,
        { withdrawnOn: daysFromToday(0), reason: 'caring-responsibilities', note: 'Caring for a parent; would like a later cohort' },
        coordinatorToken,
      ),
      200,
      'withdrawal',
    );

  must(await call('PUT', `/people/${people[0]}/account`, { userId: mentorUserId }, coordinatorToken), 200, 'linking the demo mentor');
  const host = must(
    await call(
      'POST',
      '/host-organisations',
      { name: 'Islington Mind', contactName: 'Jo Walsh', contactEmail: 'jo.walsh@islingtonmind.example', address: '11 Highbury Grove, London N5', notes: 'Takes two peer mentors a term' },
      coordinatorToken,
    ),
    201,
    'host organisation',
  );
  const placement = must(
    await call(
      'POST',
      '/placements',
      {
        personId: people[0],
        hostId: host.id,
        roleTitle: 'Peer support volunteer',
        supervisorName: 'Jo Walsh',
        hoursPerWeek: 8,
        startsOn: daysFromToday(-14),
        plannedEndOn: daysFromToday(83),
        status: 'active',
      },
      coordinatorToken,
    ),
    201,
    'placement',
  );
  must(
    await call(
      'POST',
      `/placements/${placement.id}/supervision`,
      { heldOn: daysFromToday(-14), supervisorName: 'Jo Walsh', notes: 'First day: induction and a walk round the service' },
      coordinatorToken,
    ),
    201,
    'supervision',
  );
  must(
    await call(
      'POST',
      '/paid-roles',
      { title: 'Peer Navigator', description: 'Paid post after training: 18 months, two per locality', hoursPerWeek: 16, fixedTermMonths: 18, postsPerLocality: 2 },
      coordinatorToken,
    ),
    201,
    'paid role',
  );
  must(
    await call(
      'POST',
      `/people/${people[1]}/jobs`,
      { employer: 'Whittington Health', title: 'Peer support worker', sector: 'Health and social care', hoursPerWeek: 22, contractType: 'fixed-term', startsOn: daysFromToday(0) },
      coordinatorToken,
    ),
    201,
    'job',
  );
  return { cohortId: cohort.id as string, traineeIds: people, placementId: placement.id as string };
}
