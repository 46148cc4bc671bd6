import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The pool of selection-draw's ten-ticket case (three women of three age bands, three men of one,
 * one place each), above a SELECTION_ASYNC_POOL_SIZE of 5, so the worker runs it: the same figures
 * (exact minimum 1/3, ten tickets' minimum 3/10), explanations and alternates are stored as when
 * the api answers at once, and the household rule reaches the worker.
 */
describe('representativeness: a selection the worker runs stores the draw, explanations and alternates', () => {
  let env: TestEnvironment;
  let coordinator: SignedIn;
  let intakeId: string;
  const sexOf = new Map<string, string>();

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, env: { SELECTION_ASYNC_POOL_SIZE: '5' } });
    const admin = await signUpOrganisation(env, { organisationName: 'Worker Draws', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    await importCensus(env, admin, ['sex_by_la.csv']);
    intakeId = (await openIntake(env, coordinator, { capacity: 2 })).id;
    const people: Array<[string, string, string]> = [
      ['Female', '2004-01-10', '1 Mill Lane'],
      ['Female', '1995-01-01', '2 Mill Lane'],
      ['Female', '1985-01-01', '3 Mill Lane'],
      ['Male', '1975-01-01', '4 Mill Lane'],
      ['Male', '1975-01-01', '5 Mill Lane'],
      ['Male', '1975-01-01', '6 Mill Lane'],
    ];
    for (const [sex, dateOfBirth, address] of people) {
      const applicant = await enterApplicant(env, coordinator, intakeId, { dateOfBirth, address, postcode: 'BL1 1AA' });
      await recordDemographics(env, coordinator, applicant.personId, { sex });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      sexOf.set(applicant.id, sex);
    }
  });
  afterAll(() => env.close());

  it('answers 202, then shows the done selection with both minimums, ten tickets, explanations and alternates', async () => {
    const quotas = [
      { category: 'sex', feature: 'Female', min: 1, max: 1 },
      { category: 'sex', feature: 'Male', min: 1, max: 1 },
      ...['18-24', '25-34', '35-44', '45-54'].map((feature) => ({ category: 'age_18plus', feature, min: 0, max: 2 })),
    ];
    const queued = await env.http
      .post(`/intakes/${intakeId}/selections`)
      .set(bearer(coordinator))
      .send({ panelSize: 2, dimensions: [], quotas, seed: 'worker', referenceDate: '2026-03-01', tickets: 10, onePerHousehold: true })
      .expect(202);
    const done = await until('the worker to finish the selection', async () => {
      const { body } = await env.http.get(`/selections/${queued.body.id}`).set(bearer(coordinator)).expect(200);
      if (body.status === 'failed') throw new Error(JSON.stringify(body.error));
      return body.status === 'done' ? body : undefined;
    });
    expect(done.panel.map((id: string) => sexOf.get(id)).sort()).toEqual(['Female', 'Male']);
    expect(done).toMatchObject({ draw: 'lottery', inputs: { tickets: 10, onePerHousehold: true }, lottery: { lotterySize: 10 } });
    expect(done.exactMinimumProbability).toBeCloseTo(1 / 3, 9);
    expect(done.lotteryMinimumProbability).toBeCloseTo(0.3, 9);
    // No history, so no drop-outs expected: the fewest listed, a tenth of the panel of two rounded up, is one alternate.
    expect(done.alternates.dropOutHistory).toEqual({ enrolled: 0, withdrawn: 0, rate: 0, byGroup: [] });
    expect(done.alternates.alternates).toHaveLength(1);
    const { body } = await env.http.get(`/selections/${done.id}/explanations`).set(bearer(coordinator)).expect(200);
    expect(body.explanations).toHaveLength(6);
    for (const e of body.explanations) expect(e.exactProbability).toBeCloseTo(1 / 3, 9);
  });
});
