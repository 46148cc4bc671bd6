import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { createLocality } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/** The first and last day of the month `monthsAgo` before this one (UTC calendar, as isoDaysFromToday). */
function monthOf(monthsAgo: number): { first: string; last: string; mid: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo + 1, 0));
  const mid = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 15));
  return { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10), mid: mid.toISOString().slice(0, 10) };
}

describe('monthly activity totals kept by the database', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let mentor: SignedIn;
  let db: Client;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    mentor = await addMember(env, admin, Role.Mentor);
    const person = await createPerson(env, admin, { name: 'Leanne Hughes' });
    await env.http.put(`/people/${person.id}/account`).set(bearer(admin)).send({ userId: mentor.userId }).expect(200);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('gives the same totals from whole months of the rollup and from the days of a partial month, and stays equal to the entries through changes, reviews and deletions', async () => {
    const farnworth = await createLocality(env, admin, 'Farnworth');
    const last = monthOf(1);
    const log = async (body: Record<string, unknown>) =>
      (
        await env.http
          .post('/me/activity')
          .set(bearer(mentor))
          .send({ kind: 'outreach-event', localityId: farnworth.id, ...body })
          .expect(201)
      ).body;
    // Last month: 120 minutes reaching 40 on the 1st, 60 reaching 10 on the 15th, 30 reaching 2 on its last day.
    const entries = [
      await log({ occurredOn: last.first, minutes: 120, peopleReached: 40 }),
      await log({ occurredOn: last.mid, minutes: 60, peopleReached: 10 }),
      await log({ occurredOn: last.last, minutes: 30, peopleReached: 2 }),
    ];
    const queried = await log({ occurredOn: last.mid, minutes: 90, peopleReached: 25 });
    for (const entry of entries) await env.http.post(`/activity/${entry.id}/review`).set(bearer(admin)).send({ decision: 'approve' }).expect(200);
    await env.http.post(`/activity/${queried.id}/review`).set(bearer(admin)).send({ decision: 'query', note: 'Was this the same event?' }).expect(200);

    const totals = async (query: Record<string, string>) =>
      (
        await env.http
          .get('/activity-totals')
          .query({ by: 'month,person,locality', ...query })
          .set(bearer(admin))
          .expect(200)
      ).body;
    // The whole month (from the rollup): 210 minutes = 3.5 hours, reaching 52.
    expect((await totals({ from: last.first, to: last.last })).total).toEqual({ entries: 3, minutes: 210, hours: 3.5, peopleReached: 52, people: 1 });
    expect((await totals({})).rows).toEqual([
      expect.objectContaining({ month: last.first.slice(0, 7), personName: 'Leanne Hughes', localityName: 'Farnworth', entries: 3, minutes: 210, peopleReached: 52 }),
    ]);
    // From the 15th (days from the entries): 60 + 30 minutes reaching 12; to the 15th: 120 + 60 reaching 50.
    expect((await totals({ from: last.mid })).total).toMatchObject({ entries: 2, minutes: 90, peopleReached: 12 });
    expect((await totals({ to: last.mid })).total).toMatchObject({ entries: 2, minutes: 180, peopleReached: 50 });
    expect((await totals({ from: last.first, to: last.last, status: 'all' })).total).toMatchObject({ entries: 4, minutes: 300, peopleReached: 77 });

    // The queried entry is put right (45 minutes, 20 reached, moved to the 1st) and approved.
    await env.http.put(`/me/activity/${queried.id}`).set(bearer(mentor)).send({ occurredOn: last.first, minutes: 45, kind: 'outreach-event', peopleReached: 20, localityId: farnworth.id }).expect(200);
    await env.http.post(`/activity/${queried.id}/review`).set(bearer(admin)).send({ decision: 'approve' }).expect(200);
    expect((await totals({ from: last.first, to: last.last })).total).toMatchObject({ entries: 4, minutes: 255, peopleReached: 72 });

    // The locality goes: its entries keep their hours under no locality.
    await db.query(`DELETE FROM localities WHERE id = $1`, [farnworth.id]);
    expect((await totals({})).rows).toEqual([expect.objectContaining({ localityId: null, entries: 4, minutes: 255, peopleReached: 72 })]);

    // Whatever happened, the rollup holds exactly the entries' sums, and nothing for keys left empty.
    const { rows: rollup } = await db.query(`SELECT month, person_id, locality_id, status, entries, minutes::int, people_reached::int FROM activity_monthly_totals ORDER BY 1, 2, 3, 4`);
    const { rows: direct } = await db.query(
      `SELECT date_trunc('month', occurred_on)::date AS month, person_id, locality_id, status, count(*)::int AS entries, sum(minutes)::int AS minutes, coalesce(sum(people_reached), 0)::int AS people_reached
         FROM activity_entries GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(rollup).toEqual(direct);
    await db.query(`DELETE FROM activity_entries`);
    expect((await db.query(`SELECT count(*)::int AS n FROM activity_monthly_totals`)).rows[0].n).toBe(0);
  });
});
