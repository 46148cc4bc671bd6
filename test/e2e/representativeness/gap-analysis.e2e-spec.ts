import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createIntake, createLocality, createProgramme, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

const ISLINGTON_FEMALE = 113291;
const ISLINGTON_MALE = 103298;

/** "Once recruitment starts you can see who isn't there": an Islington pool against Islington's census figures. */
describe('representativeness: gap analysis', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: { id: string };
  let localities: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Islington Council', boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);

    localities = await localitiesOfSmallAreas(env, admin, 'E09000019', ['North', 'Centre', 'South']);
    const dataset = await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_by_la.csv', 'age_18plus_by_la.csv', 'religion_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const programme = await createProgramme(env, coordinator);
    await env.http.put(`/programmes/${programme.id}/census-dataset`).set(bearer(coordinator)).send({ datasetId: dataset.id }).expect(200);
    intake = await createIntake(env, coordinator, programme.id, { capacity: 45 });

    // 20 applicants: 12 women, 6 men, 2 who preferred not to say; mostly White British and young.
    for (let i = 0; i < 20; i++) {
      const sex = i < 12 ? 'Female' : i < 18 ? 'Male' : 'Prefer not to say';
      const ethnicity = i % 5 === 0 ? 'Black, Black British, Black Welsh, Caribbean or African: African' : 'White: English, Welsh, Scottish, Northern Irish or British';
      const dateOfBirth = i % 4 === 0 ? '1960-05-01' : '2003-05-01';
      const applicant = await enterApplicant(env, coordinator, intake.id, { dateOfBirth, localityId: localities[i % 2].id });
      await recordDemographics(env, coordinator, applicant.personId, { sex, ethnicity });
    }
  });
  afterAll(() => env.close());

  const analyse = (who: SignedIn, body: Record<string, unknown>) => env.http.post('/representativeness/gap-analysis').set(bearer(who)).send(body);

  it('gives shares, expected counts, seat gaps, ratios, flags, intervals and TVD against the borough', async () => {
    const { body } = await analyse(coordinator, { intakeId: intake.id, dimensions: ['sex', 'ethnicity_broad', 'age_18plus', 'locality'], referenceDate: '2026-03-01' }).expect(200);
    expect(body.population).toMatchObject({ intakeId: intake.id, size: 20 });
    expect(body.reference).toMatchObject({ datasetName: 'Census 2021', datasetVersion: 1, area: { kind: 'borough', codes: ['E09000019'] } });
    expect(body.capacity).toBe(45);
    expect(body.unavailable).toEqual([]);

    const sex = body.dimensions.find((d: { dimension: string }) => d.dimension === 'sex');
    const femaleShare = ISLINGTON_FEMALE / (ISLINGTON_FEMALE + ISLINGTON_MALE);
    expect(sex).toMatchObject({ disclosed: 18, total: 20, excludedFromShares: 2, undisclosed: expect.arrayContaining([{ category: 'Prefer not to say', count: 2 }]) });
    const female = sex.categories.find((c: { category: string }) => c.category === 'Female');
    const male = sex.categories.find((c: { category: string }) => c.category === 'Male');
    expect(female.count).toBe(12);
    expect(female.share).toBeCloseTo(12 / 18, 10);
    expect(female.referenceShare).toBeCloseTo(femaleShare, 10);
    expect(female.expectedCount).toBeCloseTo(18 * femaleShare, 10);
    expect(female.seatGap).toBeCloseTo(12 - 18 * femaleShare, 10);
    expect(female.representationRatio).toBeCloseTo(12 / 18 / femaleShare, 10);
    expect(female.flag).toBe('over');
    expect(female.countInterval).toEqual([12, 14]);
    expect(male.flag).toBe('under');
    expect(male.seatGap).toBeCloseTo(6 - 18 * (1 - femaleShare), 10);
    expect(sex.totalVariationDistance).toBeCloseTo(12 / 18 - femaleShare, 10);

    const ethnicity = body.dimensions.find((d: { dimension: string }) => d.dimension === 'ethnicity_broad');
    expect(ethnicity.categories.map((c: { category: string }) => c.category).sort()).toEqual(['Asian', 'Black', 'Mixed or Multiple', 'Other', 'White']);
    expect(ethnicity.categories.find((c: { category: string }) => c.category === 'Asian')).toMatchObject({ count: 0, flag: 'under' });

    const age = body.dimensions.find((d: { dimension: string }) => d.dimension === 'age_18plus');
    expect(age.categories.find((c: { category: string }) => c.category === '18-24').count).toBe(15);
    expect(age.categories.find((c: { category: string }) => c.category === '65+').count).toBe(5);

    const locality = body.dimensions.find((d: { dimension: string }) => d.dimension === 'locality');
    expect(locality.categories.map((c: { category: string; count: number }) => [c.category, c.count]).sort()).toEqual([
      ['Centre', 10],
      ['North', 10],
      ['South', 0],
    ]);

    // Who isn't there: the largest shortfalls, and how many more applicants would fill each group's share of 45 places.
    const maleShortfall = body.whoIsntThere.find((s: { dimension: string; category: string }) => s.dimension === 'sex' && s.category === 'Male');
    expect(maleShortfall).toMatchObject({ count: 6, neededAtCapacity: Math.ceil(45 * (1 - femaleShare) - 6) });
    const shortfalls = body.whoIsntThere.map((s: { shortfall: number }) => s.shortfall);
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
    expect(body.whoIsntThere[0].dimension).toBe('locality');
  });

  it('gives intersectional cells (locality x age band) from the small-area figures', async () => {
    const { body } = await analyse(coordinator, { intakeId: intake.id, dimensions: ['sex'], intersections: [['locality', 'age_18plus']], referenceDate: '2026-03-01' }).expect(200);
    const [cells] = body.intersections;
    expect(cells).toMatchObject({ rowDimension: 'locality', columnDimension: 'age_18plus', total: 20 });
    expect(cells.cells).toHaveLength(18);
    expect(cells.cells.find((c: { row: string; column: string }) => c.row === 'North' && c.column === '18-24')).toMatchObject({ count: 5 });
    const referenceShares = cells.cells.reduce((sum: number, c: { referenceShare: number }) => sum + c.referenceShare, 0);
    expect(referenceShares).toBeCloseTo(1, 10);
  });

  it('compares with one locality, and with any population: a stage, a locality', async () => {
    const { body } = await analyse(coordinator, { intakeId: intake.id, dimensions: ['sex', 'age_18plus'], referenceLocalityId: localities[0].id }).expect(200);
    expect(body.reference.area).toMatchObject({ kind: 'locality', name: 'North' });
    const north = await analyse(coordinator, { intakeId: intake.id, localityId: localities[0].id, stages: ['applied'], dimensions: ['sex'] }).expect(200);
    expect(north.body.population.size).toBe(10);
    const none = await analyse(coordinator, { intakeId: intake.id, stages: ['enrolled'], dimensions: ['sex'] }).expect(200);
    expect(none.body.population.size).toBe(0);
    expect(none.body.dimensions[0]).toMatchObject({ disclosed: 0, totalVariationDistance: null });
  });

  it('is written to the audit log, refused to trainers and mentors, and 404 for another organisation’s intake', async () => {
    const audit = await env.http.get('/audit-log?action=representativeness.gaps.analysed').set(bearer(admin)).expect(200);
    expect(audit.body.total).toBeGreaterThan(0);
    for (const role of [Role.Trainer, Role.Mentor]) {
      const who = await addMember(env, admin, role);
      await analyse(who, { intakeId: intake.id }).expect(403);
    }
    const other = await signUpOrganisation(env, { boroughCode: 'E08000001' });
    const theirIntake = await openIntake(env, other);
    await analyse(coordinator, { intakeId: theirIntake.id }).expect(404);
  });

  it('answers bad input with 400 naming the field, and says when there is nothing to compare with', async () => {
    const bad = await analyse(coordinator, { intakeId: intake.id, dimensions: ['shoe_size'], intersections: [['sex']], capacity: 0 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['dimensions', 'intersections', 'capacity']));
    const fresh = await signUpOrganisation(env);
    const theirs = await openIntake(env, fresh);
    const nothing = await analyse(fresh, { intakeId: theirs.id }).expect(409);
    expect(nothing.body).toMatchObject({ code: 'NO_CENSUS_DATASET' });
    const unnamed = await createLocality(env, admin, 'Nowhere in particular');
    const noFigures = await analyse(coordinator, { intakeId: intake.id, referenceLocalityId: unnamed.id }).expect(409);
    expect(noFigures.body.details[0]).toMatchObject({ field: 'referenceLocalityId', rule: 'hasOnsCodes' });
  });
});
