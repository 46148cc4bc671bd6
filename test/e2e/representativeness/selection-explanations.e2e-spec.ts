import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * Four women and two men for two places, at most one woman. Equal chances would be 1/3 each, but
 * at most one woman means the four women share one place at best: 1/4 each, which MAXIMIN gives
 * them by always choosing one woman, and so one man (1/2 each). On every panel the draw can give,
 * the women's quota sits at its maximum (holding their chance down) and the men's at its minimum
 * (holding theirs up); the age quotas (at most two of each band) never bind.
 */
describe('representativeness: why each chance is what it is', () => {
  let env: TestEnvironment;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let other: SignedIn;
  let intakeId: string;
  const sexOf = new Map<string, string>();
  const personOf = new Map<string, string>();

  beforeAll(async () => {
    env = await TestEnvironment.start();
    const admin = await signUpOrganisation(env, { organisationName: 'Explained Chances', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    other = await signUpOrganisation(env);
    await importCensus(env, admin, ['sex_by_la.csv']);
    intakeId = (await openIntake(env, coordinator, { capacity: 2 })).id;
    for (const [sex, dateOfBirth] of [...Array(4).fill(['Female', '1995-01-01']), ...Array(2).fill(['Male', '1975-01-01'])] as Array<[string, string]>) {
      const applicant = await enterApplicant(env, coordinator, intakeId, { dateOfBirth });
      await recordDemographics(env, coordinator, applicant.personId, { sex });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      sexOf.set(applicant.id, sex);
      personOf.set(applicant.id, applicant.personId);
    }
  });
  afterAll(() => env.close());

  const quotas = [
    { category: 'sex', feature: 'Female', min: 0, max: 1 },
    { category: 'sex', feature: 'Male', min: 1, max: 2 },
    { category: 'age_18plus', feature: '25-34', min: 0, max: 2 },
    { category: 'age_18plus', feature: '45-54', min: 0, max: 2 },
  ];

  it('stores, per applicant, the quotas that bind for their answers, with the bound and the pool count', async () => {
    const { body: selection } = await env.http
      .post(`/intakes/${intakeId}/selections`)
      .set(bearer(coordinator))
      .send({ panelSize: 2, dimensions: [], quotas, seed: 'why', referenceDate: '2026-03-01' })
      .expect(201);
    // Recounted from the recorded answers: one woman and one man.
    expect(selection.panel.map((id: string) => sexOf.get(id)).sort()).toEqual(['Female', 'Male']);

    const { body } = await env.http.get(`/selections/${selection.id}/explanations`).set(bearer(coordinator)).expect(200);
    expect(body).toMatchObject({ selectionId: selection.id, status: 'done' });
    expect(body.explanations).toHaveLength(6);
    for (const explanation of body.explanations) {
      expect(explanation.personId).toBe(personOf.get(explanation.applicationId));
      if (sexOf.get(explanation.applicationId) === 'Female') {
        expect(explanation.probability).toBeCloseTo(1 / 4, 9);
        expect(explanation.exactProbability).toBeCloseTo(1 / 4, 9);
        expect(explanation.binding).toEqual([{ category: 'sex', feature: 'Female', bound: 'max', limit: 1, poolCount: 4 }]);
      } else {
        expect(explanation.probability).toBeCloseTo(1 / 2, 9);
        expect(explanation.exactProbability).toBeCloseTo(1 / 2, 9);
        expect(explanation.binding).toEqual([{ category: 'sex', feature: 'Male', bound: 'min', limit: 1, poolCount: 2 }]);
      }
    }
  });

  it('is for coordinators and admins of this organisation only', async () => {
    const { body: selection } = await env.http.post(`/intakes/${intakeId}/selections`).set(bearer(coordinator)).send({ panelSize: 2, dimensions: [], quotas, seed: 'private' }).expect(201);
    await env.http.get(`/selections/${selection.id}/explanations`).set(bearer(trainer)).expect(403);
    await env.http.get(`/selections/${selection.id}/explanations`).set(bearer(other)).expect(404);
    await env.http.get(`/selections/not-a-uuid/explanations`).set(bearer(coordinator)).expect(400);
  });
});
