import { Client } from 'pg';
import { addDays, Role } from '@steppingstone/core';
import { acceptedApplicants, createCohort, enrolApplications, generateSchedule, saveRegister, SessionView } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createLocality } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

type Status = 'present' | 'late' | 'absent' | 'excused';

/** What each of the 30 did in week k (1–12); null while withdrawn. People not listed attend every week. */
function attendance(person: number, week: number): Status | null {
  if (person === 0 && week > 3) return null;
  if (person === 1 && week === 6) return null;
  if (person === 2 && week === 9) return null;
  if (person === 3) return week > 6 ? null : week >= 5 ? 'absent' : 'present';
  if (person === 6 && week > 9) return null;
  if (person === 4 && (week === 2 || week === 3)) return 'absent';
  if (person === 5 && [2, 5, 8, 11].includes(week)) return 'absent';
  if (person === 7) return week <= 2 ? 'late' : week === 4 ? 'excused' : 'present';
  if (person === 8 && week >= 11) return 'absent';
  if (person === 10 && week === 5) return 'late';
  return 'present';
}

/**
 * A trainer's 12-week Level 2 course for 30 people, from enrolment to completion: weekly registers
 * with realistic attendance, early warnings after two absences, three drop-outs and two people who
 * leave and come back, completion computed and awarded, and the drop-out figures to the week.
 */
describe('cohorts: a 12-week course of 30 from enrolment to completion', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'West Yorkshire Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
  });
  afterAll(() => env.close());

  it('runs the course, warns early, records drop-outs and awards completion', async () => {
    const localities = [await createLocality(env, admin, 'Bradford'), await createLocality(env, admin, 'Calderdale'), await createLocality(env, admin, 'Kirklees')];
    const cohort = await createCohort(env, coordinator, [trainer]);
    expect(cohort).toMatchObject({ capacity: 30, trainerUserIds: [trainer.userId], enrolled: 0 });
    await env.http
      .put(`/programmes/${cohort.programmeId}/completion-rules`)
      .set(bearer(coordinator))
      .send({ minimumAttendancePercent: 80, requiredAssessments: ['Level 2 Peer Mentoring'], atRiskConsecutiveAbsences: 2 })
      .expect(200);

    const applicants = await acceptedApplicants(env, coordinator, cohort.intakeId, 30, (i) => ({ name: `Learner ${String(i).padStart(2, '0')}`, localityId: localities[i % 3].id }));
    const enrolments = await enrolApplications(
      env,
      coordinator,
      cohort.id,
      applicants.map((a) => a.id),
    );
    expect(enrolments).toHaveLength(30);
    const moved = await env.http.get(`/applications/${applicants[0].id}`).set(bearer(coordinator)).expect(200);
    expect(moved.body.stage).toBe('enrolled');
    await env.http
      .post(`/cohorts/${cohort.id}/enrolments`)
      .set(bearer(coordinator))
      .send({ personIds: [applicants[0].personId] })
      .expect(409);

    // The coordinator lays out the schedule: twelve Wednesdays at 6 pm local time.
    const sessions: SessionView[] = await generateSchedule(env, coordinator, cohort.id);
    expect(sessions).toHaveLength(12);
    expect(sessions.map((s) => s.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const s of sessions) {
      expect(s.startTime).toBe('18:00');
      expect(new Date(s.startsAt).getUTCHours()).toBe(s.heldOn < '2026-10-25' ? 17 : 18);
      expect(new Date(`${s.heldOn}T00:00:00Z`).getUTCDay()).toBe(3);
    }
    const day = (week: number) => sessions[week - 1].heldOn;
    const enrolmentOf = (person: number) => enrolments.find((e) => e.personId === applicants[person].personId)!.id;
    const events: Record<number, Array<() => Promise<unknown>>> = {
      3: [() => withdraw(0, addDays(day(3), 2), 'motivation')],
      5: [() => withdraw(1, addDays(day(5), 1), 'caring-responsibilities')],
      6: [() => readmit(1, addDays(day(7), -1)), () => withdraw(3, addDays(day(6), 1), 'employment')],
      8: [() => withdraw(2, addDays(day(8), 1), 'health-or-recovery')],
      9: [() => readmit(2, addDays(day(10), -1)), () => withdraw(6, addDays(day(9), 1), 'health-or-recovery')],
    };
    const withdraw = (person: number, withdrawnOn: string, reason: string) =>
      env.http
        .post(`/enrolments/${enrolmentOf(person)}/withdrawal`)
        .set(bearer(trainer))
        .send({ withdrawnOn, reason, note: 'Talked it through on the phone' })
        .expect(200);
    const readmit = (person: number, readmittedOn: string) =>
      env.http
        .post(`/enrolments/${enrolmentOf(person)}/readmission`)
        .set(bearer(trainer))
        .send({ readmittedOn, note: 'Ready to come back' })
        .expect(200);
    const atRisk = async () => (await env.http.get(`/cohorts/${cohort.id}/at-risk`).set(bearer(trainer)).expect(200)).body as Array<{ personId: string; flags: Array<{ reason: string }> }>;
    const flagged = async () => Object.fromEntries((await atRisk()).map((p) => [applicants.findIndex((a) => a.personId === p.personId), p.flags.map((f) => f.reason)]));

    for (let week = 1; week <= 12; week++) {
      const register = await env.http
        .get(`/sessions/${sessions[week - 1].id}/register`)
        .set(bearer(trainer))
        .expect(200);
      const entries = applicants.flatMap((a, person) => {
        const status = attendance(person, week);
        return status ? [{ personId: a.personId, status, ...(status === 'excused' ? { note: 'Hospital appointment' } : {}) }] : [];
      });
      // The register lists exactly the people expected that week.
      expect(register.body.entries.map((e: { personId: string }) => e.personId).sort()).toEqual(entries.map((e) => e.personId).sort());
      const saved = await saveRegister(env, trainer, sessions[week - 1].id, register.body.version, entries).expect(200);
      expect(saved.body.version).toBe(1);
      if (week === 3) expect(await flagged()).toEqual({ 4: ['consecutive-absences', 'attendance-below-minimum'] });
      // Two absences in a row flag person 3; persons 4 and 5 have no absence left to spare.
      if (week === 6) expect(await flagged()).toEqual({ 3: ['consecutive-absences', 'attendance-below-minimum'], 4: ['attendance-below-minimum'], 5: ['attendance-below-minimum'] });
      for (const event of events[week] ?? []) await event();
    }

    // Saving the same register again is harmless: same version, nothing changes.
    const again = await env.http.get(`/sessions/${sessions[11].id}/register`).set(bearer(trainer)).expect(200);
    const repeat = await saveRegister(
      env,
      trainer,
      sessions[11].id,
      0,
      again.body.entries.map((e: { personId: string; status: string; note: string | null }) => ({ personId: e.personId, status: e.status, ...(e.note ? { note: e.note } : {}) })),
    ).expect(200);
    expect(repeat.body.version).toBe(1);

    // Everyone who could still finish has passed the assessment, except one who failed it.
    const list = (await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200)).body as Array<{
      enrolmentId: string;
      personId: string;
      completion: { status: string; eligibleForAward: boolean; attendance: { percent: number } };
    }>;
    for (const e of list.filter((x) => x.completion.status === 'on-track')) {
      const person = applicants.findIndex((a) => a.personId === e.personId);
      await env.http
        .post(`/enrolments/${e.enrolmentId}/assessment-results`)
        .set(bearer(trainer))
        .send({ assessment: 'Level 2 Peer Mentoring', result: person === 9 ? 'fail' : 'pass' })
        .expect(200);
    }
    const before = (await env.http.get(`/cohorts/${cohort.id}/enrolments`).set(bearer(trainer)).expect(200)).body as typeof list;
    const statusOf = (person: number) => before.find((e) => e.personId === applicants[person].personId)!.completion;
    expect(statusOf(0).status).toBe('withdrawn');
    expect(statusOf(5)).toMatchObject({ status: 'cannot-complete', attendance: { percent: 66.7 } });
    expect(statusOf(9).status).toBe('cannot-complete');
    expect(statusOf(1)).toMatchObject({ status: 'on-track', eligibleForAward: true, attendance: { percent: 100 } });
    expect(statusOf(4)).toMatchObject({ eligibleForAward: true, attendance: { percent: 83.3 } });
    const eligible = before.filter((e) => e.completion.eligibleForAward);
    expect(eligible).toHaveLength(25);

    const refused = await env.http
      .post(`/enrolments/${enrolmentOf(5)}/completion`)
      .set(bearer(trainer))
      .expect(409);
    expect(refused.body.message).toContain('below the 80% minimum');
    for (const e of eligible) await env.http.post(`/enrolments/${e.enrolmentId}/completion`).set(bearer(trainer)).expect(200);
    const detail = await env.http
      .get(`/enrolments/${enrolmentOf(1)}`)
      .set(bearer(trainer))
      .expect(200);
    expect(detail.body).toMatchObject({ state: 'completed', completion: { status: 'completed' }, lastAttendedSession: { id: sessions[11].id, week: 12 } });
    expect(detail.body.withdrawals).toEqual([expect.objectContaining({ reason: 'caring-responsibilities', withdrawnOn: addDays(day(5), 1), readmittedOn: addDays(day(7), -1) })]);
    const gone = await env.http
      .get(`/enrolments/${enrolmentOf(3)}`)
      .set(bearer(trainer))
      .expect(200);
    expect(gone.body).toMatchObject({ state: 'withdrawn', lastAttendedSession: { id: sessions[3].id, week: 4 } });
    expect((await env.http.get(`/cohorts/${cohort.id}`).set(bearer(trainer)).expect(200)).body).toMatchObject({ enrolled: 2, withdrawn: 3, completed: 25 });
    expect(await flagged()).toEqual({ 5: ['attendance-below-minimum'] });
    const mine = (await env.http.get('/me/at-risk').set(bearer(trainer)).expect(200)).body;
    expect(mine).toEqual([expect.objectContaining({ cohortId: cohort.id, personId: applicants[5].personId, attendancePercent: 66.7 })]);
    // One list across every cohort: the organisation's for a coordinator, a trainer's own for a trainer.
    expect((await env.http.get('/at-risk').set(bearer(coordinator)).expect(200)).body).toEqual(mine);
    expect((await env.http.get('/at-risk').set(bearer(trainer)).expect(200)).body).toEqual(mine);
    const notTeachingIt = await addMember(env, admin, Role.Trainer);
    expect((await env.http.get('/at-risk').set(bearer(notTeachingIt)).expect(200)).body).toEqual([]);

    const figures = (await env.http.get(`/cohorts/${cohort.id}/dropout`).set(bearer(coordinator)).expect(200)).body;
    expect(figures.retentionByWeek.map((r: { retained: number }) => r.retained)).toEqual([30, 30, 30, 29, 29, 28, 28, 28, 27, 27, 27, 27]);
    expect(figures).toMatchObject({ cohorts: 1, enrolled: 30, withdrawn: 3, completed: 25, dropoutRate: 0.1, medianDropoutWeek: 7 });
    expect(figures.reasons).toEqual(
      [
        { reason: 'health-or-recovery', count: 1, share: 0.333 },
        { reason: 'employment', count: 1, share: 0.333 },
        { reason: 'motivation', count: 1, share: 0.333 },
      ].sort((a, b) => a.reason.localeCompare(b.reason)),
    );
    expect(figures.byLocality).toEqual([
      expect.objectContaining({
        localityName: 'Bradford',
        enrolled: 10,
        withdrawn: 3,
        completed: 6,
        dropoutRate: 0.3,
        medianDropoutWeek: 7,
        reasons: { motivation: 1, employment: 1, 'health-or-recovery': 1 },
      }),
      expect.objectContaining({ localityName: 'Calderdale', enrolled: 10, withdrawn: 0, completed: 10, dropoutRate: 0, medianDropoutWeek: null, reasons: {} }),
      expect.objectContaining({ localityName: 'Kirklees', enrolled: 10, withdrawn: 0, completed: 9 }),
    ]);
    const retainedIn = (name: string) => figures.byLocality.find((g: { localityName: string }) => g.localityName === name).retentionByWeek.map((r: { retained: number }) => r.retained);
    expect(retainedIn('Bradford')).toEqual([10, 10, 10, 9, 9, 9, 8, 8, 8, 7, 7, 7]);
    expect(retainedIn('Calderdale')).toEqual([10, 10, 10, 10, 10, 9, 10, 10, 10, 10, 10, 10]);
    expect(retainedIn('Kirklees')).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 9, 10, 10, 10]);
    const across = (await env.http.get('/dropout-figures').set(bearer(coordinator)).expect(200)).body;
    expect(across).toMatchObject({ cohorts: 1, withdrawn: 3, medianDropoutWeek: 7 });

    // The early warnings were stored for the reminder jobs, once each.
    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT e.person_id, r.reason, count(*)::int AS n FROM at_risk_events r JOIN enrolments e ON e.id = r.enrolment_id GROUP BY 1, 2`);
    await owner.end();
    const stored = (person: number, reason: string) => rows.find((r) => r.person_id === applicants[person].personId && r.reason === reason)?.n ?? 0;
    expect(stored(4, 'consecutive-absences')).toBe(1);
    expect(stored(3, 'consecutive-absences')).toBe(1);
    expect(stored(8, 'consecutive-absences')).toBe(1);
    expect(stored(5, 'attendance-below-minimum')).toBeGreaterThan(1);
    expect(stored(12, 'consecutive-absences')).toBe(0);
  });
});
