import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { acceptedApplicants, createCohort, enrolApplications, isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { enterApplicant, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

/**
 * The organisation's history: five women enrolled in a cohort, two dropped out (and a third left
 * but was re-admitted, so she counts as staying): 2/5 = 0.4; four men, none left: 0. Overall 2/9.
 *
 * The new intake: four women and four men for four places, two of each. The panel's two women each
 * carry a risk of 0.4, the men 0: 0.8 departures expected, standard deviation sqrt(2 × 0.4 × 0.6),
 * so ceil(0.8 + 2 × 0.693) = 3 alternates. A woman alternate can stand in for either woman on the
 * panel (worth (0.4 + 0.4) × (1 − 0.4) = 0.48), a man only for a man (worth 0): both women first,
 * then a man. The women's quota is at its minimum with 0.8 departures expected: at risk, with two
 * alternates who are women.
 */
describe('representativeness: alternates from the drop-out history, and replacements', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let other: SignedIn;
  let intakeId: string;
  const sexOf = new Map<string, string>();

  beforeAll(async () => {
    env = await TestEnvironment.start();
    admin = await signUpOrganisation(env, { organisationName: 'Alternates Ltd', boroughCode: 'E08000001' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    other = await signUpOrganisation(env);
    await importCensus(env, admin, ['sex_by_la.csv']);

    const cohort = await createCohort(env, coordinator, [trainer]);
    const learners = await acceptedApplicants(env, coordinator, cohort.intakeId, 9, () => ({ dateOfBirth: '1990-01-01' }));
    for (const [i, learner] of learners.entries()) await recordDemographics(env, coordinator, learner.personId, { sex: i < 5 ? 'Female' : 'Male' });
    const enrolments = await enrolApplications(
      env,
      coordinator,
      cohort.id,
      learners.map((l) => l.id),
    );
    const today = isoDaysFromToday(0);
    for (const enrolment of enrolments.slice(0, 3))
      await env.http.post(`/enrolments/${enrolment.id}/withdrawal`).set(bearer(coordinator)).send({ withdrawnOn: today, reason: 'motivation' }).expect(200);
    await env.http.post(`/enrolments/${enrolments[2].id}/readmission`).set(bearer(coordinator)).send({ readmittedOn: today }).expect(200);

    intakeId = (await openIntake(env, coordinator, { capacity: 4 })).id;
    for (const sex of ['Female', 'Female', 'Female', 'Female', 'Male', 'Male', 'Male', 'Male']) {
      const applicant = await enterApplicant(env, coordinator, intakeId, { dateOfBirth: '1990-01-01' });
      await recordDemographics(env, coordinator, applicant.personId, { sex });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      sexOf.set(applicant.id, sex);
    }
  });
  afterAll(() => env.close());

  const quotas = [
    { category: 'sex', feature: 'Female', min: 2, max: 2 },
    { category: 'sex', feature: 'Male', min: 2, max: 2 },
  ];
  const select = (seed: string) => env.http.post(`/intakes/${intakeId}/selections`).set(bearer(coordinator)).send({ panelSize: 4, dimensions: [], quotas, seed }).expect(201);
  const replace = (selectionId: string, applicationId: string, who = coordinator) => env.http.post(`/selections/${selectionId}/replacements`).set(bearer(who)).send({ applicationId });
  const stageOf = async (id: string) => (await env.http.get(`/applications/${id}`).set(bearer(coordinator)).expect(200)).body;
  /** The quotas recounted from the recorded answers of everyone now offered a place. */
  const offeredBySex = async () => {
    const { body } = await env.http.get(`/applications?intakeId=${intakeId}&stage=offered&pageSize=100`).set(bearer(coordinator)).expect(200);
    const accepted = await env.http.get(`/applications?intakeId=${intakeId}&stage=accepted&pageSize=100`).set(bearer(coordinator)).expect(200);
    const count = { Female: 0, Male: 0 } as Record<string, number>;
    for (const a of [...body.items, ...accepted.body.items]) count[sexOf.get(a.id)!] += 1;
    return count;
  };

  it('lists three alternates, both women first, sized and ordered from the drop-out history, naming the women’s quota at risk', async () => {
    const { body } = await select('alternates');
    const chosen = body.panel.map((id: string) => sexOf.get(id)).sort();
    expect(chosen).toEqual(['Female', 'Female', 'Male', 'Male']);
    const stored = (await env.http.get(`/selections/${body.id}`).set(bearer(coordinator)).expect(200)).body;
    const { alternates } = stored;
    expect(alternates.dropOutHistory).toEqual({
      enrolled: 9,
      withdrawn: 2,
      rate: 0.222,
      byGroup: [
        { category: 'sex', feature: 'Female', enrolled: 5, withdrawn: 2, rate: 0.4 },
        { category: 'sex', feature: 'Male', enrolled: 4, withdrawn: 0, rate: 0 },
      ],
    });
    expect(alternates.expectedDropOuts).toBeCloseTo(0.8, 9);
    expect(alternates.recommendedSize).toBe(3);
    expect(alternates.alternates.map((a: { applicationId: string }) => sexOf.get(a.applicationId))).toEqual(['Female', 'Female', 'Male']);
    expect(alternates.alternates.map((a: { dropOutRisk: number }) => a.dropOutRisk)).toEqual([0.4, 0.4, 0]);
    for (const a of alternates.alternates) {
      expect(body.panel).not.toContain(a.applicationId);
      expect(a.canReplace.sort()).toEqual(body.panel.filter((id: string) => sexOf.get(id) === sexOf.get(a.applicationId)).sort());
    }
    expect(alternates.atRisk).toHaveLength(1);
    expect(alternates.atRisk[0]).toMatchObject({ category: 'sex', feature: 'Female', min: 2, max: 2, selected: 2, alternatesWithFeature: 2 });
    expect(alternates.atRisk[0].expectedDropOuts).toBeCloseTo(0.8, 9);
  });

  it('replaces those who decline from the alternates in order, keeping every quota while it can, and answers 409 when none is left', async () => {
    const { body: selection } = await select('replacements');
    const notApplied = await replace(selection.id, selection.panel[0]).expect(409);
    expect(notApplied.body.code).toBe('SELECTION_NOT_APPLIED');
    await env.http.post(`/selections/${selection.id}/apply`).set(bearer(coordinator)).expect(200);
    const [altWoman1, altWoman2, altMan] = selection.alternates.alternates.map((a: { applicationId: string }) => a.applicationId);
    const women = selection.panel.filter((id: string) => sexOf.get(id) === 'Female');
    const men = selection.panel.filter((id: string) => sexOf.get(id) === 'Male');

    // A woman declines: the first alternate, a woman, keeps both quotas.
    const first = await replace(selection.id, women[0]).expect(201);
    expect(first.body).toMatchObject({ declinedApplicationId: women[0], offeredApplicationId: altWoman1, keepsQuotas: true, brokenQuotas: [], alternatesLeft: 2 });
    expect(first.body.quotas).toEqual([
      { category: 'sex', feature: 'Female', min: 2, max: 2, selected: 2 },
      { category: 'sex', feature: 'Male', min: 2, max: 2, selected: 2 },
    ]);
    const decliner = await stageOf(women[0]);
    expect(decliner.stage).toBe('declined');
    expect(decliner.history.at(-1)).toMatchObject({ fromStage: 'offered', toStage: 'declined' });
    const alternate = await stageOf(altWoman1);
    expect(alternate.stage).toBe('offered');
    expect(alternate.history.at(-1)).toMatchObject({ fromStage: 'waitlisted', toStage: 'offered' });
    expect(await offeredBySex()).toEqual({ Female: 2, Male: 2 });

    // A man who had accepted drops out: the second woman would break the quotas, so the man after her is offered.
    await env.http.post(`/applications/${men[0]}/move`).set(bearer(coordinator)).send({ to: 'accepted' }).expect(200);
    const second = await replace(selection.id, men[0]).expect(201);
    expect(second.body).toMatchObject({ declinedApplicationId: men[0], offeredApplicationId: altMan, keepsQuotas: true, brokenQuotas: [], alternatesLeft: 1 });
    expect((await stageOf(men[0])).stage).toBe('withdrawn');
    expect(await offeredBySex()).toEqual({ Female: 2, Male: 2 });

    // The other man declines: only a woman is left, so she is offered and the record says which quotas could not be kept.
    const third = await replace(selection.id, men[1]).expect(201);
    expect(third.body).toMatchObject({ declinedApplicationId: men[1], offeredApplicationId: altWoman2, keepsQuotas: false, alternatesLeft: 0 });
    expect(third.body.brokenQuotas).toEqual([
      { category: 'sex', feature: 'Female', min: 2, max: 2, selected: 3 },
      { category: 'sex', feature: 'Male', min: 2, max: 2, selected: 1 },
    ]);
    expect(third.body.reason).toContain('No alternate keeps every quota');
    expect(await offeredBySex()).toEqual({ Female: 3, Male: 1 });

    // Nobody is left: 409, and nothing moved.
    const none = await replace(selection.id, women[1]).expect(409);
    expect(none.body.code).toBe('SELECTION_NO_ALTERNATE');
    expect((await stageOf(women[1])).stage).toBe('offered');

    const list = await env.http.get(`/selections/${selection.id}/replacements`).set(bearer(coordinator)).expect(200);
    expect(list.body.map((r: { offeredApplicationId: string }) => r.offeredApplicationId)).toEqual([altWoman1, altMan, altWoman2]);
    const audit = await env.http.get(`/audit-log?action=selection.replacement&entityId=${selection.id}`).set(bearer(admin)).expect(200);
    expect(audit.body.total).toBe(3);
    const moves = await env.http.get(`/audit-log?action=application.moved&entityId=${altWoman1}`).set(bearer(admin)).expect(200);
    expect(moves.body.items.map((e: { details: { to: string } }) => e.details.to)).toContain('offered');
  });

  it('refuses someone not on the panel (400), other organisations’ ids (404) and trainers (403)', async () => {
    // An intake of its own: the one above has given its places away.
    const fresh = await openIntake(env, coordinator, { capacity: 2 });
    const applicants: string[] = [];
    for (const sex of ['Female', 'Female', 'Male', 'Male']) {
      const applicant = await enterApplicant(env, coordinator, fresh.id, { dateOfBirth: '1990-01-01' });
      await recordDemographics(env, coordinator, applicant.personId, { sex });
      await env.http.post(`/applications/${applicant.id}/move`).set(bearer(coordinator)).send({ to: 'screened' }).expect(200);
      applicants.push(applicant.id);
    }
    const oneEach = [
      { category: 'sex', feature: 'Female', min: 1, max: 1 },
      { category: 'sex', feature: 'Male', min: 1, max: 1 },
    ];
    const { body: selection } = await env.http.post(`/intakes/${fresh.id}/selections`).set(bearer(coordinator)).send({ panelSize: 2, dimensions: [], quotas: oneEach, seed: 'guards' }).expect(201);
    await env.http.post(`/selections/${selection.id}/apply`).set(bearer(coordinator)).expect(200);
    const waiting = applicants.find((id) => !selection.panel.includes(id))!;
    const notOnPanel = await replace(selection.id, waiting).expect(400);
    expect(notOnPanel.body.details).toEqual([expect.objectContaining({ field: 'applicationId', rule: 'onPanel' })]);
    await replace(selection.id, selection.panel[0], trainer).expect(403);
    await replace(selection.id, selection.panel[0], other).expect(404);
    await env.http.get(`/selections/${selection.id}/replacements`).set(bearer(other)).expect(404);
    const foreignIntake = await openIntake(env, other);
    const foreign = await enterApplicant(env, other, foreignIntake.id);
    await replace(selection.id, foreign.id).expect(404);
    const bad = await replace(selection.id, 'nobody').expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'applicationId' })]);
  });
});
