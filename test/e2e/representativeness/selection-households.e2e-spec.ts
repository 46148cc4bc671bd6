import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * Three women for two places: Ann and Bea at one address written two ways, Cat next door (same
 * postcode, another house). Without the household rule every pair can be drawn and each has a
 * chance of 2/3. With it, Ann and Bea are never both chosen: the panels are {Ann, Cat} and
 * {Bea, Cat}, so Cat's chance is 1 and Ann's and Bea's are 1/2 each.
 */
describe('representativeness: one person per household', () => {
  let env: TestEnvironment;
  let coordinator: SignedIn;
  let other: SignedIn;
  let intakeId: string;
  const nameOf = new Map<string, string>();
  const addressOf = new Map<string, string>();

  beforeAll(async () => {
    env = await TestEnvironment.start();
    const admin = await signUpOrganisation(env, { organisationName: 'Holloway Households', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    other = await signUpOrganisation(env);
    await importCensus(env, admin, ['sex_by_la.csv']);
    intakeId = (await openIntake(env, coordinator, { capacity: 2 })).id;
    const people: Array<[string, string, string]> = [
      ['Ann', '12 Holloway Road\nLondon', 'N7 8DB'],
      ['Bea', '12  HOLLOWAY road, london', 'n78db'],
      ['Cat', '14 Holloway Road\nLondon', 'N7 8DB'],
    ];
    for (const [name, address, postcode] of people) {
      const applicant = await enterApplicant(env, coordinator, intakeId, { name, address, postcode, dateOfBirth: '1990-01-01' });
      await recordDemographics(env, coordinator, applicant.personId, { sex: 'Female' });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      nameOf.set(applicant.id, name);
      addressOf.set(
        applicant.id,
        `${address
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()} ${postcode.toUpperCase().replace(/\s/g, '')}`,
      );
    }
  });
  afterAll(() => env.close());

  const select = (extra: Record<string, unknown>) =>
    env.http
      .post(`/intakes/${intakeId}/selections`)
      .set(bearer(coordinator))
      .send({ panelSize: 2, dimensions: [], quotas: [{ category: 'sex', feature: 'Female', min: 2, max: 2 }], draw: 'exact', ...extra });
  const chances = (body: { probabilities: Array<{ id: string; probability: number }> }) => Object.fromEntries(body.probabilities.map((p) => [nameOf.get(p.id), Math.round(p.probability * 1e9) / 1e9]));

  it('without the rule, housemates can both be chosen: every pair is possible, each a 2/3 chance', async () => {
    const { body } = await select({ seed: 'no-rule' }).expect(201);
    expect(chances(body)).toEqual({ Ann: 0.666666667, Bea: 0.666666667, Cat: 0.666666667 });
    expect(body.inputs.onePerHousehold).toBe(false);
  });

  it('with onePerHousehold, Ann and Bea are never both chosen: Cat 1, Ann and Bea 1/2 each, on every seed', async () => {
    for (const seed of ['h-1', 'h-2', 'h-3', 'h-4', 'h-5', 'h-6']) {
      const { body } = await select({ seed, onePerHousehold: true }).expect(201);
      expect(chances(body)).toEqual({ Ann: 0.5, Bea: 0.5, Cat: 1 });
      expect(body.exactMinimumProbability).toBeCloseTo(0.5, 9);
      expect(body.inputs.onePerHousehold).toBe(true);
      // Recounted from the addresses the applicants gave: two different homes on the panel.
      const homes = new Set(body.panel.map((id: string) => addressOf.get(id)));
      expect(homes.size).toBe(2);
      expect(body.panel.map((id: string) => nameOf.get(id))).toContain('Cat');
      // No address leaves the server in the stored selection.
      expect(JSON.stringify(body)).not.toMatch(/holloway/i);
    }
  });

  it('answers 400 naming the rule when there are fewer households than places (three people, two homes, three places)', async () => {
    const { body } = await select({ seed: 'h-x', onePerHousehold: true, panelSize: 3, quotas: [{ category: 'sex', feature: 'Female', min: 3, max: 3 }] }).expect(400);
    expect(body.code).toBe('SELECTION_INVALID');
    expect(body.details).toEqual([expect.objectContaining({ field: 'onePerHousehold', rule: 'enoughHouseholds' })]);
    expect(body.details[0].message).toContain('only 2 households');
  });

  it('refuses onePerHousehold that is not true or false', async () => {
    const { body } = await select({ onePerHousehold: 'yes' }).expect(400);
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'onePerHousehold' })]));
    await env.http.post(`/intakes/${intakeId}/selections`).set(bearer(other)).send({ panelSize: 2, onePerHousehold: true }).expect(404);
  });
});
