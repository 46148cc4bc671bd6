import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * Three women of three different age bands and three men of one band, for two places, one woman and
 * one man: each woman is the only one of her kind, so her chance is the weight of the panels she is
 * on, and the exact distribution gives each woman 1/3 (and each man 1/3: one place among three).
 * A lottery of 10 tickets cannot give every woman 1/3: the best is 4, 3 and 3 tickets, so the
 * smallest chance is 3/10. The default lottery is the fewest tickets on the ladder within 1% of 1/3:
 * 1,000 tickets, 334, 333 and 333, smallest chance 0.333 (a loss of 0.1%). An exact draw loses nothing.
 */
describe('representativeness: how a selection is drawn, and both smallest chances', () => {
  let env: TestEnvironment;
  let coordinator: SignedIn;
  let intakeId: string;
  const sexOf = new Map<string, string>();

  beforeAll(async () => {
    env = await TestEnvironment.start();
    const admin = await signUpOrganisation(env, { organisationName: 'Bolton Draws', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    await importCensus(env, admin, ['sex_by_la.csv']);
    intakeId = (await openIntake(env, coordinator, { capacity: 2 })).id;
    const people: Array<[string, string]> = [
      ['Female', '2004-01-10'],
      ['Female', '1995-01-01'],
      ['Female', '1985-01-01'],
      ['Male', '1975-01-01'],
      ['Male', '1975-01-01'],
      ['Male', '1975-01-01'],
    ];
    for (const [sex, dateOfBirth] of people) {
      const applicant = await enterApplicant(env, coordinator, intakeId, { dateOfBirth });
      await recordDemographics(env, coordinator, applicant.personId, { sex });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      sexOf.set(applicant.id, sex);
    }
  });
  afterAll(() => env.close());

  const oneOfEach = [
    { category: 'sex', feature: 'Female', min: 1, max: 1 },
    { category: 'sex', feature: 'Male', min: 1, max: 1 },
    ...['18-24', '25-34', '35-44', '45-54'].map((feature) => ({ category: 'age_18plus', feature, min: 0, max: 2 })),
  ];
  const select = (extra: Record<string, unknown>) =>
    env.http
      .post(`/intakes/${intakeId}/selections`)
      .set(bearer(coordinator))
      .send({ panelSize: 2, dimensions: [], quotas: oneOfEach, seed: 'draw-test', referenceDate: '2026-03-01', ...extra });
  const chancesOf = (body: { probabilities: Array<{ id: string; probability: number }> }, sex: string) =>
    body.probabilities
      .filter((p) => sexOf.get(p.id) === sex)
      .map((p) => p.probability)
      .sort();
  /** The quotas recounted from the answers recorded for the chosen applicants, not from the stored quota table. */
  const recount = (panel: string[]) => panel.map((id) => sexOf.get(id)).sort();

  it('by default draws from the fewest tickets within 1% of the exact optimum: 1,000 tickets, 0.333 against 1/3, both stored', async () => {
    const { body } = await select({}).expect(201);
    expect(recount(body.panel)).toEqual(['Female', 'Male']);
    expect(body.draw).toBe('lottery');
    expect(body.exactMinimumProbability).toBeCloseTo(1 / 3, 9);
    expect(body.lotteryMinimumProbability).toBeCloseTo(0.333, 9);
    expect(body.minimumProbability).toBeCloseTo(0.333, 9);
    expect(body.lottery).toMatchObject({ lotterySize: 1000 });
    expect(body.lottery.lotteryLoss).toBeCloseTo(0.001, 9);
    expect(chancesOf(body, 'Female').map((p) => Math.round(p * 1e9) / 1e9)).toEqual([0.333, 0.333, 0.334]);
    const stored = await env.http.get(`/selections/${body.id}`).set(bearer(coordinator)).expect(200);
    expect(stored.body).toMatchObject({
      draw: 'lottery',
      exactMinimumProbability: body.exactMinimumProbability,
      lotteryMinimumProbability: body.lotteryMinimumProbability,
      inputs: { draw: 'lottery', tickets: null },
    });
  });

  it('with tickets: 10 keeps exactly ten tickets for a physical draw, whose smallest chance is 3/10', async () => {
    const { body } = await select({ tickets: 10 }).expect(201);
    expect(recount(body.panel)).toEqual(['Female', 'Male']);
    expect(body).toMatchObject({ draw: 'lottery', inputs: { tickets: 10 }, lottery: { lotterySize: 10 } });
    expect(body.exactMinimumProbability).toBeCloseTo(1 / 3, 9);
    expect(body.lotteryMinimumProbability).toBeCloseTo(0.3, 9);
    // Ten tickets give the women chances in tenths that add up to one place; the men share their place equally.
    expect(chancesOf(body, 'Female').map((p) => Math.round(p * 1e9) / 1e9)).toEqual([0.3, 0.3, 0.4]);
    for (const p of chancesOf(body, 'Male')) expect(p).toBeCloseTo(1 / 3, 9);
  });

  it('with draw exact draws straight from the exact distribution: both smallest chances are 1/3', async () => {
    const { body } = await select({ draw: 'exact' }).expect(201);
    expect(recount(body.panel)).toEqual(['Female', 'Male']);
    expect(body.draw).toBe('exact');
    expect(body.exactMinimumProbability).toBeCloseTo(1 / 3, 9);
    expect(body.lotteryMinimumProbability).toBeCloseTo(1 / 3, 9);
    for (const p of body.probabilities) expect(p.probability).toBeCloseTo(1 / 3, 9);
    const again = await select({ draw: 'exact' }).expect(201);
    expect(again.body.panel).toEqual(body.panel);
  });

  it('refuses tickets that are not a whole number, an unknown draw, and tickets with an exact draw, naming the field', async () => {
    const half = await select({ tickets: 10.5 }).expect(400);
    expect(half.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'tickets' })]));
    const none = await select({ tickets: 0 }).expect(400);
    expect(none.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'tickets' })]));
    const unknown = await select({ draw: 'dice' }).expect(400);
    expect(unknown.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'draw' })]));
    const both = await select({ draw: 'exact', tickets: 1000 }).expect(400);
    expect(both.body.details).toEqual([expect.objectContaining({ field: 'tickets', rule: 'lotteryOnly' })]);
  });
});
