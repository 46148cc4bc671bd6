/**
 * The demo's finished cohort: a winter cohort that trained last year, so the funnel, the equity
 * funnel and the drop-out figures have something past registration to show — completions,
 * withdrawals with reasons, placements, jobs and their 13- and 26-week checks.
 */

import { DemoCall, must, daysFromToday, mondayFromToday } from './demo-api';

const TRAINEES = 24;
const SEXES = ['Female', 'Male', 'Female', 'Male', 'Female', 'Prefer not to say'];
const ETHNICITIES = [
  'White: English, Welsh, Scottish, Northern Irish or British',
  'Black, Black British, Black Welsh, Caribbean or African: African',
  'Asian, Asian British or Asian Welsh: Bangladeshi',
  'White: Other White',
  'Mixed or Multiple ethnic groups: White and Black Caribbean',
  'Black, Black British, Black Welsh, Caribbean or African: Caribbean',
  'White: Irish',
  'Other ethnic group: Any other ethnic group',
];
/** Who left, in which week, and why: the reasons real programmes report most. */
const WITHDRAWALS: Record<number, { week: number; reason: string }> = {
  4: { week: 3, reason: 'health-or-recovery' },
  9: { week: 5, reason: 'caring-responsibilities' },
  13: { week: 2, reason: 'employment' },
  18: { week: 6, reason: 'motivation' },
  22: { week: 4, reason: 'health-or-recovery' },
};
const CONSENT = { wording: 'I agree that these answers may be kept to check the programme reaches everyone in the borough.' };

export async function seedOutcomes(call: DemoCall, programmeId: string, localityIds: string[], coordinatorToken: string, trainerUserId: string): Promise<void> {
  const token = coordinatorToken;
  const intake = must(
    await call('POST', '/intakes', { programmeId, name: 'Winter intake (last year)', opensOn: daysFromToday(-330), closesOn: daysFromToday(-300), capacity: TRAINEES }, token),
    201,
    'winter intake',
  );
  must(await call('POST', `/intakes/${intake.id}/status`, { status: 'open' }, token), 200, 'opening the winter intake');
  const applications: Array<Record<string, unknown>> = [];
  for (let i = 0; i < TRAINEES; i++) {
    // Paper forms from last year, entered with their partner's code and their equality page, so the
    // partners who brought each group before show against this year's gaps.
    const receivedOn = daysFromToday(-320 + (i % 10));
    const partnerCode = i % 3 === 0 ? 'HOLLOWAYJC' : i % 4 === 1 ? 'FPMOSQUE' : i % 5 === 2 ? 'MARKSHUB' : undefined;
    const consent = { method: 'paper-form', givenOn: receivedOn };
    const application = must(
      await call(
        'POST',
        `/intakes/${intake.id}/applications`,
        {
          channel: 'paper',
          receivedOn,
          ...(partnerCode ? { partnerCode } : {}),
          person: {
            name: `Winter trainee ${i + 1}`,
            email: `winter.${i + 1}@demo.steppingstone.local`,
            dateOfBirth: `${1962 + ((i * 7) % 40)}-03-1${i % 10}`,
            localityId: localityIds[i % localityIds.length],
          },
          contactConsent: consent,
          equality: { consent: { ...consent, wording: CONSENT.wording }, answers: { sex: SEXES[i % SEXES.length], ethnicity: ETHNICITIES[i % ETHNICITIES.length] } },
        },
        token,
      ),
      201,
      'winter application',
    );
    for (const to of ['screened', 'offered', 'accepted']) must(await call('POST', `/applications/${application.id}/move`, { to }, token), 200, 'winter offer');
    applications.push(application);
  }
  must(await call('POST', `/intakes/${intake.id}/status`, { status: 'closed' }, token), 200, 'closing the winter intake');

  const cohort = must(
    await call(
      'POST',
      '/cohorts',
      { programmeId, intakeId: intake.id, name: 'Peer Mentor training, winter cohort', startsOn: mondayFromToday(-280), capacity: TRAINEES, venue: 'Archway Library', trainerUserIds: [trainerUserId] },
      token,
    ),
    201,
    'winter cohort',
  );
  const enrolments = must(await call('POST', `/cohorts/${cohort.id}/enrolments`, { applicationIds: applications.map((a) => a.id) }, token), 201, 'winter enrolments') as unknown as Array<{
    id: string;
    personId: string;
  }>;
  const enrolmentOf = new Map(enrolments.map((e) => [e.personId, e.id]));
  const sessions = (await call('POST', `/cohorts/${cohort.id}/schedule`, { weekday: 2, sessions: 10, startTime: '10:00', durationMinutes: 150 }, token)).body as unknown as Array<{
    id: string;
    registerVersion: number;
  }>;
  if (!Array.isArray(sessions)) throw new Error(`Demo winter schedule failed: ${JSON.stringify(sessions).slice(0, 300)}`);
  const people = applications.map((a) => a.personId as string);

  for (const [week, session] of sessions.entries()) {
    // People who have left are no longer on the register from the week they withdrew.
    const entries = people.flatMap((personId, i) =>
      WITHDRAWALS[i] && week >= WITHDRAWALS[i].week ? [] : [{ personId, status: WITHDRAWALS[i] && week === WITHDRAWALS[i].week - 1 ? 'absent' : 'present' }],
    );
    must(await call('PUT', `/sessions/${session.id}/register`, { version: session.registerVersion, entries }, token), 200, 'winter register');
    for (const [index, withdrawal] of Object.entries(WITHDRAWALS)) {
      if (withdrawal.week !== week) continue;
      const withdrawnOn = daysFromToday(-280 + week * 7);
      must(await call('POST', `/enrolments/${enrolmentOf.get(people[Number(index)])}/withdrawal`, { withdrawnOn, reason: withdrawal.reason }, token), 200, 'winter withdrawal');
    }
  }

  const completers = people.filter((_, i) => !WITHDRAWALS[i]);
  for (const personId of completers) must(await call('POST', `/enrolments/${enrolmentOf.get(personId)}/completion`, undefined, token), 200, 'winter completion');

  const host = must(
    await call(
      'POST',
      '/host-organisations',
      { name: 'Age UK Islington', contactName: 'Priya Shah', contactEmail: 'priya.shah@ageukislington.example', address: '6-9 Manor Gardens, London N7' },
      token,
    ),
    201,
    'winter host organisation',
  );
  for (const [i, personId] of completers.slice(0, 13).entries()) {
    const placement = must(
      await call(
        'POST',
        '/placements',
        {
          personId,
          hostId: host.id,
          roleTitle: 'Befriending volunteer',
          supervisorName: 'Priya Shah',
          hoursPerWeek: 6,
          startsOn: daysFromToday(-190),
          plannedEndOn: daysFromToday(-107),
          status: 'active',
        },
        token,
      ),
      201,
      'winter placement',
    );
    const ending = i < 11 ? { status: 'completed', endedOn: daysFromToday(-107) } : { status: 'ended-early', endedOn: daysFromToday(-150), endReason: 'Started a paid job with longer hours' };
    must(await call('POST', `/placements/${placement.id}/status`, ending, token), 200, 'winter placement ending');
  }
  for (const [i, personId] of completers.slice(0, 8).entries()) {
    const job = must(
      await call(
        'POST',
        `/people/${personId}/jobs`,
        {
          employer: ['Camden and Islington NHS Foundation Trust', 'Islington Council', 'Peabody'][i % 3],
          title: 'Peer support worker',
          sector: 'Health and social care',
          hoursPerWeek: 20 + i,
          contractType: i % 2 ? 'fixed-term' : 'permanent',
          startsOn: daysFromToday(-200),
        },
        token,
      ),
      201,
      'winter job',
    );
    must(await call('POST', `/jobs/${job.id}/sustainment-checks`, { week: 13, result: i < 7 ? 'sustained' : 'not-sustained' }, token), 200, '13-week check');
    if (i < 7) must(await call('POST', `/jobs/${job.id}/sustainment-checks`, { week: 26, result: i < 6 ? 'sustained' : 'unknown' }, token), 200, '26-week check');
  }
}
