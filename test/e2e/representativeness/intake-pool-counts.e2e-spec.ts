import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const ALL_STAGES = ['applied', 'screened', 'taster', 'offered', 'accepted', 'enrolled', 'waitlisted', 'declined', 'withdrawn'];

/**
 * The counts the database keeps per intake for the gap analysis by partner (intake_pool_counts)
 * against a recount from applications, people and equality answers, after every kind of write that
 * changes who is in an intake, with which partner, or what they answered.
 */
describe('kept intake counts for the gap analysis by partner', () => {
  let env: TestEnvironment;
  let db: Client;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let spring: IntakeView;
  let autumn: IntakeView;
  let localities: Array<{ id: string; name: string }>;
  const partners: Record<string, string> = {};
  const today = () => new Date().toISOString().slice(0, 10);

  /** A paper application entered by staff, received some days ago (which orders a person's applications), with a partner, details and equality answers. */
  async function enter(intake: IntakeView, daysAgo: number, name: string, partner: string | null, person: Record<string, unknown>, answers?: Record<string, unknown>) {
    const { body } = await env.http
      .post(`/intakes/${intake.id}/applications`)
      .set(bearer(coordinator))
      .send({
        channel: 'paper',
        receivedOn: isoDaysFromToday(-daysAgo),
        ...(partner ? { partnerId: partners[partner] } : {}),
        person: { name, ...person },
        allowDuplicate: true,
        contactConsent: { method: 'paper-form', givenOn: today() },
        ...(answers ? { equality: { consent: { method: 'paper-form', givenOn: today() }, answers } } : {}),
      })
      .expect(201);
    return body as { id: string; personId: string; version: number };
  }

  /** The organisation's kept counts, in a stable order. */
  const kept = async () =>
    (
      await db.query(
        `SELECT intake_id, partner_key, dimension, recorded, value, people FROM intake_pool_counts
          WHERE organisation_id = $1 ORDER BY intake_id, partner_key, dimension, recorded, value`,
        [admin.organisationId],
      )
    ).rows;

  /** The same counts worked out from scratch: each person once per intake, with the partner of their first application there. */
  const recount = async () =>
    (
      await db.query(
        `WITH first AS (SELECT DISTINCT ON (a.intake_id, a.person_id) a.intake_id, a.person_id, coalesce(a.partner_id::text, '') AS partner_key
                          FROM applications a WHERE a.organisation_id = $1 ORDER BY a.intake_id, a.person_id, a.applied_at, a.id)
         SELECT f.intake_id, f.partner_key, v.dimension, v.raw IS NOT NULL AS recorded, coalesce(v.raw, '') AS value, count(*)::int AS people
           FROM first f
           JOIN people p ON p.organisation_id = $1 AND p.id = f.person_id
           LEFT JOIN demographic_profiles d ON d.organisation_id = $1 AND d.person_id = f.person_id
          CROSS JOIN LATERAL (VALUES ('size', ''), ('sex', d.sex), ('ethnicity', d.ethnicity), ('disability', d.disability), ('religion', d.religion),
                                     ('english_proficiency', d.english_proficiency), ('locality', p.locality_id::text),
                                     (CASE WHEN p.date_of_birth IS NULL THEN 'age_band' ELSE 'date_of_birth' END, coalesce(p.date_of_birth::text, d.age_band))) v(dimension, raw)
          GROUP BY 1, 2, 3, 4, 5
          ORDER BY 1, 2, 3, 4, 5`,
        [admin.organisationId],
      )
    ).rows;

  async function expectKeptToEqualRecount() {
    const [mine, fresh] = [await kept(), await recount()];
    expect(mine).toEqual(fresh);
    return mine;
  }

  /** The analysis by partner of a whole intake (read from the kept counts) and of every stage (counted live). */
  async function keptAndLive(intake: IntakeView) {
    const ask = async (extra: Record<string, unknown>) =>
      (
        await env.http
          .post('/representativeness/gap-analysis/by-partner')
          .set(bearer(coordinator))
          .send({ intakeId: intake.id, referenceDate: '2026-03-01', dimensions: ['sex', 'age_18plus', 'ethnicity_broad', 'disability_broad', 'religion', 'locality'], ...extra })
          .expect(200)
      ).body;
    const [whole, everyStage] = [await ask({}), await ask({ stages: ALL_STAGES })];
    return { whole, everyStage };
  }

  async function expectTheAnalysisToMatchALiveCount(intake: IntakeView, size: number) {
    const { whole, everyStage } = await keptAndLive(intake);
    expect(whole.population.size).toBe(size);
    expect(whole.partners).toEqual(everyStage.partners);
    expect(whole.whoIsntThere).toEqual(everyStage.whoIsntThere);
  }

  beforeAll(async () => {
    env = await TestEnvironment.start();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    localities = await localitiesOfSmallAreas(env, admin, 'E09000019', ['North', 'South']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'disability_by_la.csv', 'religion_by_la.csv', 'lsoa_seed_boroughs.csv']);
    spring = await openIntake(env, coordinator);
    autumn = await openIntake(env, coordinator);
    for (const [key, name, kind] of [
      ['jobcentre', 'Holloway Jobcentre', 'job-centre'],
      ['mosque', 'Finsbury Park Mosque', 'faith-group'],
    ]) {
      partners[key] = (await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name, kind }).expect(201)).body.id;
    }
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('stay equal to a recount after applications, stage moves, equality answers, changed details, merges and erasure, and give the live count’s analysis', async () => {
    const north = localities[0].id;
    const south = localities[1].id;
    const ada = await enter(spring, 6, 'Ada', 'jobcentre', { dateOfBirth: '1990-03-01', localityId: north }, { sex: 'Female', ethnicity: 'White: Irish', religion: 'Christian' });
    const ben = await enter(
      spring,
      5,
      'Ben',
      'mosque',
      { dateOfBirth: '1961-08-20', localityId: south },
      { sex: 'Male', ethnicity: 'Asian, Asian British or Asian Welsh: Bangladeshi', religion: 'Muslim' },
    );
    const cat = await enter(spring, 4, 'Cat', null, { localityId: north }, { sex: 'Female', ageBand: '25-34', disability: 'Prefer not to say' });
    const dan = await enter(spring, 3, 'Dan', 'jobcentre', {});
    const eve = await enter(spring, 2, 'Eve', 'mosque', { dateOfBirth: '2001-12-31' }, { sex: 'Female', ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: African' });
    const eveAgain = await enter(autumn, 1, 'Eve Duplicate', 'jobcentre', { dateOfBirth: '2001-12-31', localityId: south }, { sex: 'Female' });
    const { body: adaAutumn } = await env.http.post('/applications').set(bearer(coordinator)).send({ intakeId: autumn.id, personId: ada.personId, source: 'coordinator' }).expect(201);
    expect(adaAutumn.personId).toBe(ada.personId);

    const afterApplying = await expectKeptToEqualRecount();
    expect(afterApplying.filter((r) => r.dimension === 'size').map((r) => r.people)).toEqual(expect.arrayContaining([2, 2, 1, 1, 1]));
    await expectTheAnalysisToMatchALiveCount(spring, 5);

    // A stage move changes nobody's partner or answers, so it writes no count.
    await env.http
      .post('/applications/bulk-moves')
      .set(bearer(coordinator))
      .send({ to: 'screened', applications: [ada, ben, cat, dan].map((a) => ({ id: a.id })) })
      .expect(200);
    await env.http.post(`/applications/${eve.id}/move`).set(bearer(coordinator)).send({ to: 'withdrawn', version: eve.version }).expect(200);
    expect(await expectKeptToEqualRecount()).toEqual(afterApplying);

    // Equality answers given, changed, and taken away with the consent they rested on.
    await recordDemographics(env, coordinator, dan.personId, {
      sex: 'Male',
      ethnicity: 'White: Other White',
      disability: 'Not disabled under the Equality Act: No long term physical or mental health conditions',
    });
    await recordDemographics(env, coordinator, ada.personId, { sex: 'Female', ethnicity: 'Mixed or Multiple ethnic groups: White and Black Caribbean', religion: 'No religion' });
    const { body: consents } = await env.http.get(`/people/${ben.personId}/consents`).set(bearer(coordinator)).expect(200);
    const equality = (consents as Array<{ id: string; purpose: string; withdrawnAt: string | null }>).find((c) => c.purpose === 'demographic-monitoring' && !c.withdrawnAt)!;
    await env.http.post(`/people/${ben.personId}/consents/${equality.id}/withdraw`).set(bearer(coordinator)).expect(200);
    await expectKeptToEqualRecount();
    await expectTheAnalysisToMatchALiveCount(spring, 5);

    // A new date of birth and locality (and one taken away, so the age group counts instead).
    await env.http.patch(`/people/${cat.personId}`).set(bearer(coordinator)).send({ dateOfBirth: '1999-02-28', localityId: south }).expect(200);
    await env.http.patch(`/people/${ada.personId}`).set(bearer(coordinator)).send({ dateOfBirth: null }).expect(200);
    await expectKeptToEqualRecount();

    // Eve's duplicate (autumn, by the jobcentre) merged into Eve (spring, by the mosque): Eve is in both intakes once.
    await env.http.post(`/people/${eve.personId}/merge`).set(bearer(coordinator)).send({ duplicateId: eveAgain.personId }).expect(200);
    // Ben merged into Dan: Dan now has two spring applications and is counted once, under the earlier one's partner (Ben's: the mosque).
    await env.http.post(`/people/${dan.personId}/merge`).set(bearer(coordinator)).send({ duplicateId: ben.personId }).expect(200);
    const afterMerging = await expectKeptToEqualRecount();
    const springSizes = Object.fromEntries(afterMerging.filter((r) => r.intake_id === spring.id && r.dimension === 'size').map((r) => [r.partner_key, r.people]));
    expect(springSizes).toEqual({ '': 1, [partners.jobcentre]: 1, [partners.mosque]: 2 });
    await expectTheAnalysisToMatchALiveCount(spring, 4);
    await expectTheAnalysisToMatchALiveCount(autumn, 2);

    // Erasure takes the person's applications, answers and record, and their counts with them.
    await env.http.delete(`/people/${eve.personId}`).set(bearer(admin)).expect(204);
    await env.http.delete(`/people/${cat.personId}`).set(bearer(admin)).expect(204);
    const afterErasing = await expectKeptToEqualRecount();
    expect(afterErasing.filter((r) => r.dimension === 'size').reduce((n, r) => n + r.people, 0)).toBe(3);
    expect(afterErasing.every((r) => r.people > 0)).toBe(true);
    await expectTheAnalysisToMatchALiveCount(spring, 2);
    await expectTheAnalysisToMatchALiveCount(autumn, 1);
  });

  it('stay equal to a recount when applications with equality answers arrive at once, for both intakes and both partners and none', async () => {
    const before = Object.fromEntries((await kept()).filter((r) => r.dimension === 'size').map((r) => [`${r.intake_id}|${r.partner_key}`, r.people]));
    const entries = Array.from({ length: 18 }, (_, i) =>
      enter(
        i % 2 ? spring : autumn,
        i % 5,
        `Crowd ${i}`,
        [null, 'jobcentre', 'mosque'][i % 3],
        { dateOfBirth: `19${70 + i}-0${1 + (i % 9)}-1${i % 10}` },
        { sex: i % 2 ? 'Female' : 'Male', religion: 'No religion' },
      ),
    );
    await Promise.all(entries);
    const after = await expectKeptToEqualRecount();
    const sizes = after.filter((r) => r.dimension === 'size');
    const grown = sizes.reduce((n, r) => n + r.people - (before[`${r.intake_id}|${r.partner_key}`] ?? 0), 0);
    expect(grown).toBe(18);
    await expectTheAnalysisToMatchALiveCount(spring, 2 + 9);
  });
});
