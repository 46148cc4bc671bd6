import { Client } from 'pg';
import { dropoutWeek, median, retentionByWeek, WithdrawalPeriod } from '@steppingstone/cohorts';
import { addDays } from '@steppingstone/core';
import { bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createProgramme } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    // The low bits of a power-of-two LCG repeat quickly; the high ones do not.
    return Math.floor(state / 65_536) % n;
  };
}

interface Learner {
  cohort: number;
  locality: number | null;
  withdrawals: Array<WithdrawalPeriod & { reason: string }>;
}

/**
 * The drop-out figures are computed in SQL over many cohorts; here they are checked against the
 * same definitions stated as plain functions (engine/dropout-stats), on generated cohorts with
 * cancelled sessions, people without a locality, re-admissions and second withdrawals.
 */
describe('cohorts: drop-out figures agree with their definitions', () => {
  let env: TestEnvironment;
  let admin: SignedIn;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env);
  });
  afterAll(() => env.close());

  it('matches retention by week, drop-out rate, reasons and median week, overall and by locality', async () => {
    const programme = await createProgramme(env, admin);
    const next = random(20_260_301);
    const reasons = ['motivation', 'employment', 'health-or-recovery', 'moved-away'];
    const cohorts = Array.from({ length: 6 }, (_, c) => {
      const start = addDays('2025-09-03', 7 * c);
      const dates = Array.from({ length: 6 + next(4) }, (_, k) => addDays(start, 7 * k));
      return { start, dates, cancelled: c % 2 ? addDays(start, 7 * 2 + 3) : null };
    });
    const learners: Learner[] = [];
    cohorts.forEach((cohort, c) => {
      for (let i = 0; i < 12; i++) {
        const withdrawals: Learner['withdrawals'] = [];
        if (next(100) < 45) {
          const out = addDays(cohort.start, next(7 * cohort.dates.length + 7) - 3);
          const back = next(100) < 40 ? addDays(out, 1 + next(21)) : null;
          withdrawals.push({ withdrawnOn: out, readmittedOn: back, reason: reasons[next(4)] });
          if (back && next(100) < 50) withdrawals.push({ withdrawnOn: addDays(back, next(14)), readmittedOn: null, reason: reasons[next(4)] });
        }
        learners.push({ cohort: c, locality: next(3) === 2 ? null : next(2), withdrawals });
      }
    });

    const owner = new Client({ connectionString: env.databaseUrl });
    await owner.connect();
    try {
      const org = admin.organisationId;
      await owner.query(`INSERT INTO localities (organisation_id, id, name) VALUES ($1, md5('l0')::uuid, 'North'), ($1, md5('l1')::uuid, 'South')`, [org]);
      for (const [c, cohort] of cohorts.entries()) {
        await owner.query(`INSERT INTO cohorts (organisation_id, id, programme_id, name, starts_on, capacity) VALUES ($1, md5('c' || $2)::uuid, $3, 'Cohort ' || $2, $4, 30)`, [
          org,
          c,
          programme.id,
          cohort.start,
        ]);
        const days = [...cohort.dates, ...(cohort.cancelled ? [cohort.cancelled] : [])];
        await owner.query(
          `INSERT INTO cohort_sessions (organisation_id, id, cohort_id, starts_at, held_on, duration_minutes, status)
           SELECT $1, gen_random_uuid(), md5('c' || $2)::uuid, (d::date + time '18:00') AT TIME ZONE 'Europe/London', d::date, 120, CASE WHEN d = $4 THEN 'cancelled' ELSE 'scheduled' END
             FROM unnest($3::text[]) d`,
          [org, c, days, cohort.cancelled],
        );
      }
      for (const [i, learner] of learners.entries()) {
        const open = learner.withdrawals.some((w) => w.readmittedOn === null);
        await owner.query(
          `INSERT INTO people (organisation_id, id, name, locality_id) VALUES ($1, md5('p' || $2)::uuid, 'Learner ' || $2, CASE WHEN $3::int IS NULL THEN NULL ELSE md5('l' || $3)::uuid END)`,
          [org, i, learner.locality],
        );
        await owner.query(`INSERT INTO enrolments (organisation_id, id, cohort_id, person_id, status) VALUES ($1, md5('e' || $2)::uuid, md5('c' || $3)::uuid, md5('p' || $2)::uuid, $4)`, [
          org,
          i,
          learner.cohort,
          open ? 'withdrawn' : 'enrolled',
        ]);
        for (const w of learner.withdrawals) {
          await owner.query(`INSERT INTO withdrawals (organisation_id, id, enrolment_id, withdrawn_on, readmitted_on, reason) VALUES ($1, gen_random_uuid(), md5('e' || $2)::uuid, $3, $4, $5)`, [
            org,
            i,
            w.withdrawnOn,
            w.readmittedOn,
            w.reason,
          ]);
        }
      }
    } finally {
      await owner.end();
    }

    const expected = (group: Learner[]) => {
      const weeks = Math.max(...cohorts.map((c) => c.dates.length));
      const retained = Array.from({ length: weeks }, (_, k) =>
        cohorts.reduce(
          (sum, cohort, c) =>
            k < cohort.dates.length
              ? sum +
                retentionByWeek(
                  cohort.dates,
                  group.filter((l) => l.cohort === c).map((l) => l.withdrawals),
                )[k]
              : sum,
          0,
        ),
      );
      const dropped = group.flatMap((l) => l.withdrawals.filter((w) => w.readmittedOn === null).map((w) => ({ reason: w.reason, week: dropoutWeek(cohorts[l.cohort].dates, w.withdrawnOn) })));
      const reasonCounts: Record<string, number> = {};
      for (const d of dropped) reasonCounts[d.reason] = (reasonCounts[d.reason] ?? 0) + 1;
      return { enrolled: group.length, withdrawn: dropped.length, medianDropoutWeek: median(dropped.map((d) => d.week)), retained, reasons: reasonCounts };
    };

    expect(learners.filter((l) => l.withdrawals.some((w) => w.readmittedOn)).length).toBeGreaterThan(2);
    expect(learners.some((l) => l.withdrawals.length === 2)).toBe(true);
    const { body } = await env.http.get(`/dropout-figures?programmeId=${programme.id}`).set(bearer(admin)).expect(200);
    const all = expected(learners);
    expect(all.withdrawn).toBeGreaterThan(5);
    expect(body).toMatchObject({ cohorts: 6, enrolled: all.enrolled, withdrawn: all.withdrawn, medianDropoutWeek: all.medianDropoutWeek });
    expect(body.retentionByWeek.map((r: { retained: number }) => r.retained)).toEqual(all.retained);
    expect(Object.fromEntries(body.reasons.map((r: { reason: string; count: number }) => [r.reason, r.count]))).toEqual(all.reasons);
    for (const [locality, name] of [
      [0, 'North'],
      [1, 'South'],
      [null, null],
    ] as const) {
      const group = expected(learners.filter((l) => l.locality === locality));
      const figures = body.byLocality.find((g: { localityName: string | null }) => g.localityName === name);
      expect(figures).toMatchObject({ enrolled: group.enrolled, withdrawn: group.withdrawn, medianDropoutWeek: group.medianDropoutWeek, reasons: group.reasons });
      expect(figures.retentionByWeek.map((r: { retained: number }) => r.retained)).toEqual(group.retained);
    }

    const one = await env.http
      .get(`/cohorts/${await cohortId(env, admin, 'Cohort 3')}/dropout`)
      .set(bearer(admin))
      .expect(200);
    expect(one.body.retentionByWeek.map((r: { retained: number }) => r.retained)).toEqual(
      retentionByWeek(
        cohorts[3].dates,
        learners.filter((l) => l.cohort === 3).map((l) => l.withdrawals),
      ),
    );
  });
});

async function cohortId(env: TestEnvironment, who: SignedIn, name: string): Promise<string> {
  const { body } = await env.http.get('/cohorts').set(bearer(who)).expect(200);
  return body.find((c: { name: string }) => c.name === name).id;
}
