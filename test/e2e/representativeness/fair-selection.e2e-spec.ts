import { Role } from '@steppingstone/core';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { createIntake, createProgramme, enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/** 55 applicants for 45 places in Bolton: quotas from the census, met at once, drawn by a published lottery. */
describe('representativeness: fair selection', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: { id: string };
  let localities: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    localities = await localitiesOfSmallAreas(env, admin, 'E08000001', ['Farnworth', 'Horwich', 'Breightmet']);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const programme = await createProgramme(env, coordinator, { name: 'Peer Navigators', kind: 'paid-role' });
    intake = await createIntake(env, coordinator, programme.id, { capacity: 45 });

    const ethnicities = [
      'White: English, Welsh, Scottish, Northern Irish or British',
      'Asian, Asian British or Asian Welsh: Pakistani',
      'Asian, Asian British or Asian Welsh: Indian',
      'Black, Black British, Black Welsh, Caribbean or African: African',
      'Mixed or Multiple ethnic groups: White and Asian',
    ];
    const births = ['2004-01-10', '1993-06-01', '1984-02-02', '1975-03-03', '1966-04-04', '1955-05-05'];
    for (let i = 0; i < 55; i++) {
      const applicant = await enterApplicant(env, coordinator, intake.id, { dateOfBirth: births[i % births.length], localityId: localities[i % 3].id });
      await recordDemographics(env, coordinator, applicant.personId, { sex: i % 2 ? 'Male' : 'Female', ethnicity: i % 3 === 0 ? ethnicities[i % 5] : ethnicities[0] });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
    }
  });
  afterAll(() => env.close());

  const select = (who: SignedIn, body: Record<string, unknown>, intakeId = intake.id) => env.http.post(`/intakes/${intakeId}/selections`).set(bearer(who)).send(body);
  const request = () => ({
    panelSize: 45,
    dimensions: ['sex', 'age_18plus'],
    tolerance: { people: 3 },
    localitySizes: Object.fromEntries(localities.map((l) => [l.id, 15])),
    seed: 'bolton-spring-2026',
    referenceDate: '2026-03-01',
  });

  it('selects 45 meeting every quota, with each applicant’s probability and the seed, and re-draws the same panel from the same seed', async () => {
    const { body } = await select(coordinator, request()).expect(201);
    expect(body).toMatchObject({ intakeId: intake.id, panelSize: 45, poolSize: 55, algorithm: 'maximin', seed: 'bolton-spring-2026', appliedAt: null });
    expect(body.panel).toHaveLength(45);
    expect(new Set(body.panel).size).toBe(45);
    for (const quota of body.quotaTable) {
      expect(quota.selected).toBeGreaterThanOrEqual(quota.min);
      expect(quota.selected).toBeLessThanOrEqual(quota.max);
    }
    expect(body.quotaTable.filter((q: { category: string }) => q.category === 'locality')).toEqual(
      expect.arrayContaining(localities.map((l) => ({ category: 'locality', feature: l.name, min: 15, max: 15, selected: 15 }))),
    );
    expect(body.probabilities).toHaveLength(55);
    const total = body.probabilities.reduce((sum: number, p: { probability: number }) => sum + p.probability, 0);
    expect(total).toBeCloseTo(45, 6);
    expect(body.minimumProbability).toBeGreaterThan(0);
    expect(body.minimumProbability).toBeLessThanOrEqual(body.equalChance + 1e-9);
    expect(body.equalChance).toBeCloseTo(45 / 55, 10);

    const again = await select(coordinator, request()).expect(201);
    expect(again.body.panel).toEqual(body.panel);
    expect(again.body.id).not.toBe(body.id);
    const stored = await env.http.get(`/selections/${body.id}`).set(bearer(coordinator)).expect(200);
    expect(stored.body).toMatchObject({ seed: 'bolton-spring-2026', panel: body.panel, inputs: { dimensions: expect.arrayContaining(['sex', 'age_18plus', 'locality']) } });
    const audit = await env.http.get(`/audit-log?action=selection.run&entityId=${body.id}`).set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(1);
  });

  it('lists the intake’s runs with who ran them, and re-runs a stored selection from its stored quotas and seed to the same panel', async () => {
    const { body } = await select(coordinator, { ...request(), seed: 'stored-inputs' }).expect(201);
    const { body: runs } = await env.http.get(`/intakes/${intake.id}/selections`).set(bearer(coordinator)).expect(200);
    expect(runs[0]).toMatchObject({ id: body.id, seed: 'stored-inputs', createdBy: coordinator.userId, createdByName: 'coordinator person' });
    // What the web app's "Re-run from this seed" sends: the quotas as stored (census, locality places and all), nothing worked out again.
    const { inputs } = runs[0];
    const quotas = inputs.quotas.map(({ category, feature, min, max }: { category: string; feature: string; min: number; max: number }) => ({ category, feature, min, max }));
    const again = await select(coordinator, {
      panelSize: 45,
      dimensions: [],
      quotas,
      localitySizes: {},
      tolerance: inputs.tolerance,
      referenceDate: inputs.referenceDate,
      algorithm: 'maximin',
      seed: 'stored-inputs',
      draw: inputs.draw,
      onePerHousehold: inputs.onePerHousehold,
    }).expect(201);
    expect(again.body.panel).toEqual(body.panel);
    expect(again.body.quotaTable).toEqual(body.quotaTable);
    expect(again.body.probabilities).toEqual(body.probabilities);
  });

  it('moves the selected to offered and the rest to waitlisted in one go, once', async () => {
    const { body: selection } = await select(coordinator, { ...request(), seed: 'apply-me' }).expect(201);
    const applied = await env.http.post(`/selections/${selection.id}/apply`).set(bearer(coordinator)).expect(200);
    expect(applied.body.moved).toEqual({ offered: 45, waitlisted: 10 });
    expect(applied.body.appliedAt).toBeTruthy();
    const pipeline = await env.http.get(`/intakes/${intake.id}/pipeline`).set(bearer(coordinator)).expect(200);
    expect(pipeline.body.stages).toMatchObject({ offered: 45, waitlisted: 10, screened: 0 });
    const offered = await env.http.get(`/applications?intakeId=${intake.id}&stage=offered&pageSize=100`).set(bearer(coordinator)).expect(200);
    expect(offered.body.items.map((a: { id: string }) => a.id).sort()).toEqual([...selection.panel].sort());
    const twice = await env.http.post(`/selections/${selection.id}/apply`).set(bearer(coordinator)).expect(409);
    expect(twice.body.code).toBe('SELECTION_ALREADY_APPLIED');
  });

  it('answers bad input with 400 naming the problem', async () => {
    const fresh = await openIntake(env, coordinator);
    for (let i = 0; i < 6; i++) {
      const a = await enterApplicant(env, coordinator, fresh.id, { localityId: localities[i % 3].id, dateOfBirth: '1990-01-01' });
      await recordDemographics(env, coordinator, a.personId, { sex: i < 3 ? 'Female' : 'Male' });
      await env.http.post(`/applications/${a.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
    }
    const tooMany = await select(coordinator, { panelSize: 7, dimensions: ['sex'] }, fresh.id).expect(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'panelSize', rule: 'panel-size-exceeds-pool' });

    const pastN = await select(
      coordinator,
      {
        panelSize: 4,
        dimensions: ['sex'],
        quotas: [
          { category: 'sex', feature: 'Female', min: 3, max: 3 },
          { category: 'sex', feature: 'Male', min: 3, max: 3 },
        ],
      },
      fresh.id,
    ).expect(400);
    expect(pastN.body.details.map((d: { rule: string }) => d.rule)).toContain('quota-mins-exceed-panel-size');

    const unknown = await select(coordinator, { panelSize: 4, dimensions: ['star_sign'] }, fresh.id).expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'dimensions' });

    // Feasible on their own, impossible together: only three women, but four required.
    const conflict = await select(
      coordinator,
      {
        panelSize: 4,
        dimensions: ['sex'],
        quotas: [
          { category: 'sex', feature: 'Female', min: 4, max: 4 },
          { category: 'sex', feature: 'Male', min: 0, max: 4 },
        ],
      },
      fresh.id,
    ).expect(400);
    expect(conflict.body).toMatchObject({ code: 'SELECTION_INFEASIBLE', conflictingCategories: ['sex'] });
    expect(conflict.body.nearestFeasibleQuotas).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'sex', feature: 'Female', feasibleMin: 3 })]));

    const shape = await select(coordinator, { panelSize: 0, algorithm: 'lottery', localitySizes: { north: 'lots' } }, fresh.id).expect(400);
    expect(shape.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['panelSize', 'algorithm']));
    const sizes = await select(coordinator, { panelSize: 3, localitySizes: { north: 'lots' } }, fresh.id).expect(400);
    expect(sizes.body.details[0]).toMatchObject({ field: 'localitySizes' });
  });

  it('is for coordinators and admins of this organisation only', async () => {
    const trainer = await addMember(env, admin, Role.Trainer);
    await select(trainer, request()).expect(403);
    const other = await signUpOrganisation(env);
    await select(other, request()).expect(404);
    const { body } = await select(coordinator, { panelSize: 5, dimensions: ['sex'], tolerance: { people: 5 }, seed: 'private' }).expect(201);
    await env.http.get(`/selections/${body.id}`).set(bearer(other)).expect(404);
    await env.http.post(`/selections/${body.id}/apply`).set(bearer(other)).expect(404);
  });
});
