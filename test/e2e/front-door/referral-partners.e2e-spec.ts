import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { importCensus } from '../../factories/census';
import { isoDaysFromToday, mondayOf } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createHost, jobBody, placementBody } from '../../factories/progression';
import { IntakeView, openIntake } from '../../factories/recruitment';
import { TestEnvironment } from '../../support/test-environment';

interface Partner {
  id: string;
  name: string;
  code: string;
}

/**
 * A small intake built by hand, so every figure below is counted by hand:
 *
 *   person  partner (how)                  sex     ethnic group  selected  completed  placed  employed
 *   P1      Holloway Jobcentre (its link)  Female  Black         yes       yes        yes     yes
 *   P2      Holloway Jobcentre (its link)  Male    White         yes (then declined)
 *   P3      Holloway Jobcentre (its link)  Female  prefer not to say
 *   P4      Finsbury Park Mosque (typed)   Female  Asian         yes       yes
 *   P5      Finsbury Park Mosque (typed)   Male    Asian
 *   P6      Maya Lewis, peer (paper form)  Male    White         yes       yes        yes
 *   P7      no partner                     Female  White         yes (accepted, not enrolled)
 *   P8      no partner                     (no answers)
 */
describe('referral partners: their links and codes, and the pool and funnel split by partner', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let intake: IntakeView;
  let jobcentre: Partner;
  let mosque: Partner;
  let peer: Partner;
  let db: Client;
  const people: Record<string, { applicationId: string; personId: string; reference: string }> = {};
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;
  const today = () => new Date().toISOString().slice(0, 10);

  /** A public application with its equality answers, as a resident would send them. */
  async function applyPublicly(key: string, slug: string, body: Record<string, unknown>, answers?: Record<string, unknown>) {
    const { body: receipt } = await env.http
      .post(`/public/intakes/${slug}/applications`)
      .send({ consent: true, ...body })
      .expect(201);
    if (answers) await env.http.post(`/public/intakes/${slug}/equality-answers`).send({ token: receipt.equalityStep.token, consent: true, answers }).expect(201);
    const [row] = await sql(`SELECT id, person_id FROM applications WHERE reference = $1`, [receipt.reference]);
    people[key] = { applicationId: row.id, personId: row.person_id, reference: receipt.reference };
  }
  const moveAll = (keys: string[], to: string) =>
    env.http
      .post('/applications/bulk-moves')
      .set(bearer(coordinator))
      .send({ to, applications: keys.map((k) => ({ id: people[k].applicationId })) })
      .expect(200);

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { PUBLIC_FORM_RATE_LIMIT: '1000' } });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { boroughCode: 'E09000019' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv']);
    intake = await openIntake(env, coordinator);
    const partner = async (body: Record<string, unknown>) => (await env.http.post('/referral-partners').set(bearer(coordinator)).send(body).expect(201)).body as Partner;
    jobcentre = await partner({ name: 'Holloway Jobcentre', kind: 'job-centre', code: 'jobc', contactName: 'Dee Cole', contactEmail: 'dee.cole@example.org' });
    mosque = await partner({ name: 'Finsbury Park Mosque', kind: 'faith-group', code: 'MOSQ' });
    peer = await partner({ name: 'Maya Lewis', kind: 'existing-peer', code: 'PEER-1' });
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  it('keeps partners as records of the organisation, each with a code, and gives each its own link to an intake’s form', async () => {
    expect(jobcentre).toMatchObject({ code: 'JOBC', kind: 'job-centre', contactName: 'Dee Cole', applications: 0 });
    expect(peer.code).toBe('PEER1');
    const drawn = (await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Calvary Church', kind: 'faith-group' }).expect(201)).body;
    expect(drawn.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect((await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Another', kind: 'other', code: 'MOSQ' }).expect(409)).body.code).toBe('PARTNER_CODE_TAKEN');
    expect((await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'holloway jobcentre', kind: 'other' }).expect(409)).body.code).toBe('PARTNER_NAME_TAKEN');
    expect((await env.http.post('/referral-partners').set(bearer(coordinator)).send({ name: 'Bad', kind: 'pub' }).expect(400)).body.details[0].field).toBe('kind');

    // Archived: out of the list and the links, still recognised for late paper forms.
    await env.http.patch(`/referral-partners/${drawn.id}`).set(bearer(coordinator)).send({ archived: true }).expect(200);
    const listed = (await env.http.get('/referral-partners').set(bearer(coordinator)).expect(200)).body.map((p: Partner) => p.name);
    expect(listed).toEqual(['Finsbury Park Mosque', 'Holloway Jobcentre', 'Maya Lewis']);
    expect((await env.http.get('/referral-partners').query({ includeArchived: true }).set(bearer(coordinator)).expect(200)).body).toHaveLength(4);

    const links = (await env.http.get(`/intakes/${intake.id}/partner-links`).set(bearer(coordinator)).expect(200)).body;
    expect(links).toEqual([
      { partnerId: mosque.id, name: 'Finsbury Park Mosque', kind: 'faith-group', code: 'MOSQ', url: `${intake.publicUrl}?partner=MOSQ` },
      { partnerId: jobcentre.id, name: 'Holloway Jobcentre', kind: 'job-centre', code: 'JOBC', url: `${intake.publicUrl}?partner=JOBC` },
      { partnerId: peer.id, name: 'Maya Lewis', kind: 'existing-peer', code: 'PEER1', url: `${intake.publicUrl}?partner=PEER1` },
    ]);
    // The form opened through a link says who referred the person; a peer stays anonymous.
    const viaLink = await env.http.get(`/public/intakes/${intake.publicSlug}`).query({ partner: 'JOBC' }).expect(200);
    expect(viaLink.body.partner).toEqual({ code: 'JOBC', recognised: true, name: 'Holloway Jobcentre' });
    expect((await env.http.get(`/public/intakes/${intake.publicSlug}`).query({ partner: 'peer1' }).expect(200)).body.partner).toEqual({
      code: 'PEER1',
      recognised: true,
      name: 'one of our peer mentors',
    });
    expect((await env.http.get(`/public/intakes/${intake.publicSlug}`).query({ partner: 'NOPE' }).expect(200)).body.partner).toEqual({ code: 'NOPE', recognised: false, name: null });
    const garbled = 'MOSQ'.repeat(11);
    expect((await env.http.get(`/public/intakes/${intake.publicSlug}`).query({ partner: garbled }).expect(200)).body.partner).toEqual({ code: garbled, recognised: false, name: null });

    // Only admins and coordinators, only their own organisation's partners.
    const trainer = await addMember(env, admin, Role.Trainer);
    await env.http.get('/referral-partners').set(bearer(trainer)).expect(403);
    await env.http.post('/referral-partners').set(bearer(trainer)).send({ name: 'X', kind: 'other' }).expect(403);
    await env.http.get(`/intakes/${intake.id}/partner-links`).set(bearer(trainer)).expect(403);
    const outsider = await signUpOrganisation(env);
    await env.http.get(`/referral-partners/${jobcentre.id}`).set(bearer(outsider)).expect(404);
    await env.http.patch(`/referral-partners/${jobcentre.id}`).set(bearer(outsider)).send({ name: 'Mine now' }).expect(404);
    await env.http.get('/referral-partners').expect(401);
  });

  it('records the partner on every application: by its link, by a typed code, and on a paper form entered by staff', async () => {
    await applyPublicly(
      'P1',
      intake.publicSlug,
      { name: 'Precious Ade', phone: '07700 900401', partnerCode: 'JOBC' },
      { sex: 'Female', ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: African' },
    );
    await applyPublicly(
      'P2',
      intake.publicSlug,
      { name: 'Paul Barry', phone: '07700 900402', partnerCode: 'JOBC' },
      { sex: 'Male', ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British' },
    );
    await applyPublicly('P3', intake.publicSlug, { name: 'Petra Cox', phone: '07700 900403', partnerCode: 'JOBC' }, { sex: 'Female', ethnicity: 'Prefer not to say' });
    await applyPublicly(
      'P4',
      intake.publicSlug,
      { name: 'Parveen Das', phone: '07700 900404', partnerCode: ' mosq ' },
      { sex: 'Female', ethnicity: 'Asian, Asian British or Asian Welsh: Bangladeshi' },
    );
    await applyPublicly('P5', intake.publicSlug, { name: 'Pervez Ejaz', phone: '07700 900405', partnerCode: 'Mosq' }, { sex: 'Male', ethnicity: 'Asian, Asian British or Asian Welsh: Pakistani' });
    const { body: entered } = await env.http
      .post(`/intakes/${intake.id}/applications`)
      .set(bearer(coordinator))
      .send({
        channel: 'paper',
        receivedOn: today(),
        partnerCode: 'peer1',
        person: { name: 'Pat Flynn', phone: '07700 900406' },
        contactConsent: { method: 'paper-form', givenOn: today() },
        equality: { consent: { method: 'paper-form', givenOn: today() }, answers: { sex: 'Male', ethnicity: 'White: Irish' } },
      })
      .expect(201);
    people.P6 = { applicationId: entered.id, personId: entered.personId, reference: entered.reference };
    await applyPublicly('P7', intake.publicSlug, { name: 'Polly Gee', phone: '07700 900407' }, { sex: 'Female', ethnicity: 'White: Other White' });
    await applyPublicly('P8', intake.publicSlug, { name: 'Piotr Hale', phone: '07700 900408' });

    const unknown = await env.http.post(`/public/intakes/${intake.publicSlug}/applications`).send({ consent: true, name: 'Typo', phone: '07700 900409', partnerCode: 'JOBX' }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PARTNER_CODE', details: [{ field: 'partnerCode', rule: 'knownPartnerCode' }] });

    const partnerOf = Object.fromEntries((await sql(`SELECT id, partner_id, source FROM applications WHERE intake_id = $1`, [intake.id])).map((r) => [r.id, [r.partner_id, r.source]]));
    expect(Object.fromEntries(Object.entries(people).map(([k, p]) => [k, partnerOf[p.applicationId]]))).toEqual({
      P1: [jobcentre.id, 'referral'],
      P2: [jobcentre.id, 'referral'],
      P3: [jobcentre.id, 'referral'],
      P4: [mosque.id, 'referral'],
      P5: [mosque.id, 'referral'],
      P6: [peer.id, 'referral'],
      P7: [null, 'self'],
      P8: [null, 'self'],
    });
    const mosques = await env.http.get('/applications').query({ intakeId: intake.id, partnerId: mosque.id, sort: 'name', direction: 'asc' }).set(bearer(coordinator)).expect(200);
    expect(mosques.body.items.map((a: { name: string; partnerName: string }) => [a.name, a.partnerName])).toEqual([
      ['Parveen Das', 'Finsbury Park Mosque'],
      ['Pervez Ejaz', 'Finsbury Park Mosque'],
    ]);
    expect((await env.http.get('/applications').query({ intakeId: intake.id, partnerId: 'none' }).set(bearer(coordinator)).expect(200)).body.total).toBe(2);
    expect((await env.http.get(`/referral-partners/${jobcentre.id}`).set(bearer(coordinator)).expect(200)).body.applications).toBe(3);
    expect((await env.http.get(`/intakes/${intake.id}/pipeline`).query({ partnerId: jobcentre.id }).set(bearer(coordinator)).expect(200)).body).toMatchObject({ total: 3, stages: { applied: 3 } });
  });

  it('splits the gap analysis by partner, with the counts of the table above', async () => {
    const { body } = await env.http
      .post('/representativeness/gap-analysis/by-partner')
      .set(bearer(coordinator))
      .send({ intakeId: intake.id, dimensions: ['sex', 'ethnicity_broad'] })
      .expect(200);
    expect(body.population.size).toBe(8);
    const table = Object.fromEntries(
      body.partners.map(
        (p: {
          name: string;
          size: number;
          dimensions: Array<{ dimension: string; categories: Array<{ category: string; count: number }>; undisclosed: Array<{ category: string; count: number }> }>;
        }) => [
          p.name,
          {
            size: p.size,
            ...Object.fromEntries(p.dimensions.map((d) => [d.dimension, Object.fromEntries([...d.categories, ...d.undisclosed].filter((c) => c.count).map((c) => [c.category, c.count]))])),
          },
        ],
      ),
    );
    expect(body.partners.map((p: { name: string }) => p.name)).toEqual(['Holloway Jobcentre', 'Finsbury Park Mosque', 'Maya Lewis', 'No partner']);
    expect(table).toEqual({
      'Holloway Jobcentre': { size: 3, sex: { Female: 2, Male: 1 }, ethnicity_broad: { Black: 1, White: 1, 'Prefer not to say': 1 } },
      'Finsbury Park Mosque': { size: 2, sex: { Female: 1, Male: 1 }, ethnicity_broad: { Asian: 2 } },
      'Maya Lewis': { size: 1, sex: { Male: 1 }, ethnicity_broad: { White: 1 } },
      'No partner': { size: 2, sex: { Female: 1, 'Not recorded': 1 }, ethnicity_broad: { White: 1, 'Not recorded': 1 } },
    });
    // The ordinary gap analysis narrowed to one partner's applicants, or to those who came without one.
    const narrowed = async (partnerId: string) =>
      (
        await env.http
          .post('/representativeness/gap-analysis')
          .set(bearer(coordinator))
          .send({ intakeId: intake.id, partnerId, dimensions: ['ethnicity_broad'] })
          .expect(200)
      ).body;
    const mosqueOnly = await narrowed(mosque.id);
    expect(mosqueOnly.population.size).toBe(2);
    expect(mosqueOnly.dimensions[0].categories.find((c: { category: string }) => c.category === 'Asian').count).toBe(2);
    expect((await narrowed('none')).population.size).toBe(2);
    expect((await env.http.post('/representativeness/gap-analysis').set(bearer(coordinator)).send({ intakeId: intake.id, partnerId: 'someone' }).expect(400)).body.details[0].field).toBe('partnerId');

    // White: 3 of the 6 who answered, against 62% of Islington; nobody of Mixed or Multiple ethnic groups at all.
    const group = (category: string) => body.whoIsntThere.find((g: { dimension: string; category: string }) => g.dimension === 'ethnicity_broad' && g.category === category);
    expect(group('White').count).toBe(3);
    expect(Object.fromEntries(group('White').partners.map((p: { name: string; count: number }) => [p.name, p.count]))).toEqual({ 'Holloway Jobcentre': 1, 'Maya Lewis': 1, 'No partner': 1 });
    expect(group('Mixed or Multiple')).toMatchObject({ count: 0, partners: [] });
  });

  it('splits the funnel by partner: applied, selected, completed, placed, employed, as counted in the table above', async () => {
    await moveAll(['P1', 'P2', 'P4', 'P6', 'P7'], 'screened');
    await moveAll(['P1', 'P2', 'P4', 'P6', 'P7'], 'offered');
    await moveAll(['P1', 'P4', 'P6', 'P7'], 'accepted');
    await moveAll(['P2'], 'declined');
    const trainer = await addMember(env, admin, Role.Trainer);
    const { body: cohort } = await env.http
      .post('/cohorts')
      .set(bearer(coordinator))
      .send({
        programmeId: intake.programmeId,
        intakeId: intake.id,
        name: 'Spring cohort',
        startsOn: mondayOf(isoDaysFromToday(-15 * 7)),
        capacity: 20,
        venue: 'Community Centre',
        trainerUserIds: [trainer.userId],
      })
      .expect(201);
    const { body: enrolments } = await env.http
      .post(`/cohorts/${cohort.id}/enrolments`)
      .set(bearer(coordinator))
      .send({ applicationIds: ['P1', 'P4', 'P6'].map((k) => people[k].applicationId) })
      .expect(201);
    for (const enrolment of enrolments) await env.http.post(`/enrolments/${enrolment.id}/completion`).set(bearer(trainer)).expect(200);
    const host = await createHost(env, coordinator);
    for (const key of ['P1', 'P6'])
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(people[key].personId, host.id, -30, { status: 'active' }))
        .expect(201);
    await env.http
      .post(`/people/${people.P1.personId}/jobs`)
      .set(bearer(coordinator))
      .send(jobBody({ startsOn: isoDaysFromToday(0) }))
      .expect(201);

    const { body } = await env.http.get('/funnel/by-partner').query({ intakeId: intake.id }).set(bearer(coordinator)).expect(200);
    const counts = (stages: Array<{ count: number }>) => stages.map((s) => s.count);
    expect(body.overall.map((s: { stage: string }) => s.stage)).toEqual(['applied', 'selected', 'completed', 'placed', 'employed']);
    expect(counts(body.overall)).toEqual([8, 5, 3, 2, 1]);
    expect(body.partners.map((p: { name: string; stages: Array<{ count: number }> }) => [p.name, counts(p.stages)])).toEqual([
      ['Holloway Jobcentre', [3, 2, 1, 1, 1]],
      ['Finsbury Park Mosque', [2, 1, 1, 0, 0]],
      ['Maya Lewis', [1, 1, 1, 1, 0]],
      ['No partner', [2, 1, 0, 0, 0]],
    ]);
    // Conversions: 2 of the jobcentre's 3 were offered a place; 1 of those 2 completed.
    const jobcentreStages = body.partners[0].stages;
    expect(jobcentreStages[1].fromPrevious).toEqual({ rate: 0.6667, percent: 66.7 });
    expect(jobcentreStages[2].fromPrevious).toEqual({ rate: 0.5, percent: 50 });
    expect(jobcentreStages[4].fromApplied).toEqual({ rate: 0.3333, percent: 33.3 });
    await env.http.get('/funnel/by-partner').set(bearer(trainer)).expect(403);
  });

  it('names, for the dashboard, the partners that brought a missing group before', async () => {
    // A new intake: two White applicants and one Black, nobody Asian yet; the mosque brought two Asian applicants to the spring intake.
    const autumn = await openIntake(env, coordinator, { name: 'Autumn intake' });
    await applyPublicly('A1', autumn.publicSlug, { name: 'Ann Ives', phone: '07700 900501' }, { ethnicity: 'White: Irish' });
    await applyPublicly('A2', autumn.publicSlug, { name: 'Al James', phone: '07700 900502', partnerCode: 'JOBC' }, { ethnicity: 'White: English, Welsh, Scottish, Northern Irish or British' });
    await applyPublicly('A3', autumn.publicSlug, { name: 'Ade Kay', phone: '07700 900503' }, { ethnicity: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean' });

    const { body } = await env.http.get(`/intakes/${autumn.id}/partner-reach`).query({ dimensions: 'ethnicity_broad' }).set(bearer(coordinator)).expect(200);
    expect(body.intakeId).toBe(autumn.id);
    const group = (category: string) => body.groups.find((g: { category: string }) => g.category === category);
    expect(group('Asian').partners).toEqual([{ partnerId: mosque.id, name: 'Finsbury Park Mosque', kind: 'faith-group', code: 'MOSQ', otherIntakes: 2, thisIntake: 0 }]);
    expect(group('Mixed or Multiple').partners).toEqual([]);
    expect(group('White')).toBeUndefined();
    const outsider = await signUpOrganisation(env);
    await env.http.get(`/intakes/${autumn.id}/partner-reach`).set(bearer(outsider)).expect(404);
  });
});
