import { Role } from '@steppingstone/core';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { createHost, createOpportunity, placementBody } from '../../factories/progression';
import { createLocality } from '../../factories/recruitment';
import { isoDaysFromToday } from '../../factories/cohorts';
import { TestEnvironment } from '../../support/test-environment';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);

describe('work in the field: activity, expenses and checks through the API', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let mentor: SignedIn;
  let otherMentor: SignedIn;
  let mentorPersonId: string;
  let otherPersonId: string;

  beforeAll(async () => {
    env = await TestEnvironment.start({ env: { RECEIPT_BODY_LIMIT: '1kb' } });
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    mentor = await addMember(env, admin, Role.Mentor);
    otherMentor = await addMember(env, admin, Role.Mentor);
    for (const [who, name] of [
      [mentor, 'Nadia Navigator'],
      [otherMentor, 'Omar Other'],
    ] as const) {
      const person = await createPerson(env, coordinator, { name });
      await env.http.put(`/people/${person.id}/account`).set(bearer(coordinator)).send({ userId: who.userId }).expect(200);
      if (who === mentor) mentorPersonId = person.id;
      else otherPersonId = person.id;
    }
  });
  afterAll(() => env?.close());

  it('totals approved hours and people reached by month, person and locality as worked out by hand, with the social value at the organisation’s rate', async () => {
    const north = await createLocality(env, admin, 'Farnworth');
    const south = await createLocality(env, admin, 'Horwich');
    await env.http.put('/field-settings').set(bearer(admin)).send({ socialValueHourlyPence: 1200 }).expect(200);
    const log = async (who: SignedIn, body: Record<string, unknown>) => (await env.http.post('/me/activity').set(bearer(who)).send(body).expect(201)).body;
    const day = isoDaysFromToday(-1);
    const a = await log(mentor, { occurredOn: day, minutes: 90, kind: 'outreach-event', peopleReached: 40, localityId: north.id, note: 'Stall at the market' });
    const b = await log(mentor, { occurredOn: day, minutes: 45, kind: 'peer-contact', peopleReached: 1, localityId: north.id });
    const c = await log(mentor, { occurredOn: day, minutes: 60, kind: 'accompanied-visit', peopleReached: 2, localityId: south.id });
    const d = await log(otherMentor, { occurredOn: day, minutes: 30, kind: 'admin' });
    const e = await log(otherMentor, { occurredOn: day, minutes: 120, kind: 'outreach-event', peopleReached: 300, localityId: south.id });

    // The approval queue holds all five; a query needs a note and is seen by the mentor.
    const queue = (await env.http.get('/activity').query({ status: 'submitted' }).set(bearer(coordinator)).expect(200)).body;
    expect(queue.total).toBe(5);
    for (const entry of [a, c, d, e]) await env.http.post(`/activity/${entry.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    await env.http.post(`/activity/${b.id}/review`).set(bearer(coordinator)).send({ decision: 'query' }).expect(400);
    await env.http.post(`/activity/${b.id}/review`).set(bearer(coordinator)).send({ decision: 'query', note: 'Was this the same visit as the market stall?' }).expect(200);
    await env.http.post(`/activity/${a.id}/review`).set(bearer(coordinator)).send({ decision: 'query', note: 'late' }).expect(409);
    const mine = (await env.http.get('/me/activity').set(bearer(mentor)).expect(200)).body.items;
    expect(mine.map((m: { status: string }) => m.status).sort()).toEqual(['approved', 'approved', 'queried']);
    expect(mine.find((m: { id: string }) => m.id === b.id).queryNote).toBe('Was this the same visit as the market stall?');
    // Another mentor's entry is not theirs to see.
    await env.http.get(`/me/activity/${d.id}`).set(bearer(mentor)).expect(404);

    const totals = (await env.http.get('/activity-totals').query({ by: 'month,person,locality', from: day, to: day }).set(bearer(coordinator)).expect(200)).body;
    const month = day.slice(0, 7);
    const row = (person: string, locality: string | null) => totals.rows.find((r: { personName: string; localityName: string | null }) => r.personName === person && r.localityName === locality);
    // By hand: Nadia (approved) 90 min at Farnworth reaching 40, 60 at Horwich reaching 2; Omar 30 nowhere, 120 at Horwich reaching 300.
    expect(row('Nadia Navigator', 'Farnworth')).toMatchObject({ month, entries: 1, minutes: 90, hours: 1.5, peopleReached: 40 });
    expect(row('Nadia Navigator', 'Horwich')).toMatchObject({ month, entries: 1, minutes: 60, hours: 1, peopleReached: 2 });
    expect(row('Omar Other', null)).toMatchObject({ entries: 1, minutes: 30, peopleReached: 0 });
    expect(row('Omar Other', 'Horwich')).toMatchObject({ entries: 1, minutes: 120, hours: 2, peopleReached: 300 });
    expect(totals.rows).toHaveLength(4);
    // 300 minutes = 5 hours at £12.00 = £60.00.
    expect(totals.total).toEqual({ entries: 4, minutes: 300, hours: 5, peopleReached: 342, people: 2 });
    expect(totals.socialValuePence).toBe(6000);
    // Every entry, whatever its status, adds the queried 45 minutes and 1 person.
    const all = (await env.http.get('/activity-totals').query({ status: 'all', from: day, to: day }).set(bearer(coordinator)).expect(200)).body;
    expect(all.total).toMatchObject({ entries: 5, minutes: 345, peopleReached: 343 });

    // Names have no place in a note beyond its short limit; a future date is refused.
    await env.http
      .post('/me/activity')
      .set(bearer(mentor))
      .send({ occurredOn: day, minutes: 10, kind: 'admin', note: 'x'.repeat(281) })
      .expect(400);
    const future = await env.http
      .post('/me/activity')
      .set(bearer(mentor))
      .send({ occurredOn: isoDaysFromToday(2), minutes: 10, kind: 'admin' })
      .expect(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'occurredOn' })]);
    await env.http.get('/activity').set(bearer(mentor)).expect(403);
  });

  it('exports an approved claim once: a second export has nothing to take, and downloading the batch again gives the same file', async () => {
    const claim = (
      await env.http
        .post('/me/expense-claims')
        .set(bearer(mentor))
        .send({ incurredOn: isoDaysFromToday(-2), category: 'public-transport', description: 'Bus to Horwich', amountPence: 480 })
        .expect(201)
    ).body;
    const mileage = (
      await env.http
        .post('/me/expense-claims')
        .set(bearer(mentor))
        .send({ incurredOn: isoDaysFromToday(-2), category: 'mileage', description: 'Drove to the market stall', miles: 12.5 })
        .expect(201)
    ).body;
    expect(mileage.amountPence).toBe(563);
    await env.http
      .post('/me/expense-claims')
      .set(bearer(mentor))
      .send({ incurredOn: isoDaysFromToday(-2), category: 'mileage', description: 'x', miles: 3, amountPence: 100 })
      .expect(400);

    // Receipts: the bytes must be what the Content-Type says, and no bigger than the limit.
    await env.http.post(`/me/expense-claims/${claim.id}/receipts`).set(bearer(mentor)).set('Content-Type', 'image/png').send(JPEG).expect(400);
    await env.http
      .post(`/me/expense-claims/${claim.id}/receipts`)
      .set(bearer(mentor))
      .set('Content-Type', 'image/jpeg')
      .send(Buffer.concat([JPEG, Buffer.alloc(2000)]))
      .expect(413);
    await env.http.post(`/me/expense-claims/${claim.id}/receipts`).set(bearer(otherMentor)).set('Content-Type', 'image/jpeg').send(JPEG).expect(404);
    const withReceipt = (await env.http.post(`/me/expense-claims/${claim.id}/receipts`).set(bearer(mentor)).set('Content-Type', 'image/jpeg').send(JPEG).expect(201)).body;
    expect(withReceipt.receipts).toEqual([expect.objectContaining({ contentType: 'image/jpeg', sizeBytes: JPEG.length })]);
    const image = await env.http
      .get(`/expense-claims/${claim.id}/receipts/${withReceipt.receipts[0].id}`)
      .set(bearer(coordinator))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(image.body, JPEG)).toBe(0);

    await env.http.post('/expense-batches').set(bearer(coordinator)).expect(409);
    await env.http.post(`/expense-claims/${claim.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    await env.http.post(`/expense-claims/${mileage.id}/review`).set(bearer(coordinator)).send({ decision: 'reject' }).expect(400);
    await env.http.post(`/expense-claims/${mileage.id}/review`).set(bearer(coordinator)).send({ decision: 'reject', note: 'Claimed twice' }).expect(200);

    // Two coordinators press export at once: one batch takes the claim, the other finds nothing.
    const both = await Promise.all([env.http.post('/expense-batches').set(bearer(coordinator)), env.http.post('/expense-batches').set(bearer(admin))]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const batch = both.find((r) => r.status === 201)!.body;
    expect(batch).toMatchObject({ claimCount: 1, totalPence: 480 });
    const first = await env.http.get(`/expense-batches/${batch.id}/download`).set(bearer(coordinator)).expect(200);
    const again = await env.http.get(`/expense-batches/${batch.id}/download`).set(bearer(admin)).expect(200);
    expect(again.text).toBe(first.text);
    expect(first.text).toContain(`${claim.id},Nadia Navigator,${mentorPersonId},`);
    expect(first.text).toContain(',4.80,');
    expect((await env.http.get('/me/expense-claims').set(bearer(mentor)).expect(200)).body.items.find((c: { id: string }) => c.id === claim.id).exportBatchId).toBe(batch.id);
    await env.http.post(`/expense-claims/${claim.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(409);
    await env.http.post('/expense-batches').set(bearer(coordinator)).expect(409);
    expect((await env.http.get('/expense-batches').set(bearer(coordinator)).expect(200)).body).toHaveLength(1);
  });

  it('lists activity by status, person and dates, and claims by status, person and export, alone and together, a page at a time', async () => {
    const log = async (who: SignedIn, occurredOn: string) => (await env.http.post('/me/activity').set(bearer(who)).send({ occurredOn, minutes: 30, kind: 'admin' }).expect(201)).body;
    const [first, second, third] = [isoDaysFromToday(-60), isoDaysFromToday(-59), isoDaysFromToday(-58)];
    const early = await log(mentor, first);
    const middle = await log(mentor, second);
    const late = await log(mentor, third);
    const others = await log(otherMentor, second);
    await env.http.post(`/activity/${middle.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    const activity = async (query: Record<string, string | number>) => (await env.http.get('/activity').query(query).set(bearer(coordinator)).expect(200)).body;
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);
    const days = { from: first, to: third };
    expect(ids(await activity({ ...days, personId: mentorPersonId }))).toEqual([late.id, middle.id, early.id]);
    expect(ids(await activity({ ...days, personId: mentorPersonId, status: 'submitted' }))).toEqual([late.id, early.id]);
    expect(ids(await activity({ from: second, to: second }))).toEqual([others.id, middle.id]);
    expect(ids(await activity({ from: second, to: second, status: 'approved' }))).toEqual([middle.id]);
    const paged = await activity({ ...days, personId: mentorPersonId, pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(ids(paged)).toEqual([middle.id]);

    const claim = async (description: string) =>
      (
        await env.http
          .post('/me/expense-claims')
          .set(bearer(otherMentor))
          .send({ incurredOn: isoDaysFromToday(-3), category: 'parking', description, amountPence: 250 })
          .expect(201)
      ).body;
    const approved = await claim('Parking at the hub');
    const waiting = await claim('Parking at the library');
    await env.http.post(`/expense-claims/${approved.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    const claims = async (query: Record<string, string | number>) => (await env.http.get('/expense-claims').query(query).set(bearer(coordinator)).expect(200)).body;
    expect(ids(await claims({ personId: otherPersonId }))).toEqual([waiting.id, approved.id]);
    expect(ids(await claims({ personId: otherPersonId, status: 'approved' }))).toEqual([approved.id]);
    expect(ids(await claims({ personId: otherPersonId, exported: 'false' }))).toEqual([approved.id]);
    expect(ids(await claims({ personId: otherPersonId, exported: 'true' }))).toEqual([]);
    const claimPage = await claims({ personId: otherPersonId, pageSize: 1, page: 2 });
    expect(claimPage).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(ids(claimPage)).toEqual([approved.id]);
  });

  it('refuses a placement whose person holds only an expired DBS check, naming it, and takes it once a valid one is recorded', async () => {
    const person = await createPerson(env, coordinator, { name: 'Chris Checked' });
    const host = await createHost(env, admin, { name: 'Bolton Hospice' });
    const opportunity = await createOpportunity(env, admin, host.id, { requirements: ['enhanced-dbs-barred-list-check', 'references'] });
    const check = (body: Record<string, unknown>) =>
      env.http
        .post(`/people/${person.id}/checks`)
        .set(bearer(coordinator))
        .send({ evidenceSeenBy: 'Sam Coordinator', ...body });
    await check({ kind: 'dbs', dbsLevel: 'enhanced', barredList: true, checkedOn: isoDaysFromToday(-1200), expiresOn: isoDaysFromToday(-10) }).expect(201);
    await check({ kind: 'reference', title: 'Former employer', checkedOn: isoDaysFromToday(-30) }).expect(201);
    await check({ kind: 'reference', title: 'Faith leader', checkedOn: isoDaysFromToday(-30) }).expect(201);
    await check({ kind: 'dbs', dbsLevel: 'basic', barredList: true, checkedOn: isoDaysFromToday(-3) }).expect(400);

    const refused = await env.http
      .post('/placements')
      .set(bearer(coordinator))
      .send(placementBody(person.id, host.id, 1, { opportunityId: opportunity.id }))
      .expect(409);
    expect(refused.body.message).toContain(`an enhanced DBS check with the barred list (expired on ${isoDaysFromToday(-10)})`);
    expect(refused.body.message).not.toContain('references');

    const expiring = (await env.http.get('/checks/expiring').set(bearer(coordinator)).expect(200)).body;
    expect(expiring.map((c: { personName: string; state: string }) => [c.personName, c.state])).toContainEqual(['Chris Checked', 'expired']);

    await check({ kind: 'dbs', dbsLevel: 'enhanced', barredList: true, checkedOn: isoDaysFromToday(-2), expiresOn: isoDaysFromToday(1000) }).expect(201);
    await env.http
      .post('/placements')
      .set(bearer(coordinator))
      .send(placementBody(person.id, host.id, 1, { opportunityId: opportunity.id }))
      .expect(201);
    expect((await env.http.get('/checks/expiring').set(bearer(coordinator)).expect(200)).body.map((c: { personName: string }) => c.personName)).not.toContain('Chris Checked');
    await env.http.get(`/people/${person.id}/checks`).set(bearer(mentor)).expect(403);
  });

  it('takes a placement or locality on an entry only when it is the mentor’s own placement and one of the organisation’s localities', async () => {
    const host = await createHost(env, admin, { name: 'Bolton Museum' });
    const place = async (personId: string) =>
      (
        await env.http
          .post('/placements')
          .set(bearer(coordinator))
          .send(placementBody(personId, host.id, -5, { status: 'active' }))
          .expect(201)
      ).body.id as string;
    const own = await place(mentorPersonId);
    const others = await place(otherPersonId);
    const entry = { occurredOn: isoDaysFromToday(-1), minutes: 20, kind: 'peer-contact' };

    const refused = (
      await env.http
        .post('/me/activity')
        .set(bearer(mentor))
        .send({ ...entry, placementId: others })
        .expect(404)
    ).body;
    expect(refused).toMatchObject({ message: 'placementId does not name a record of this organisation that is yours', details: [{ field: 'placementId', rule: 'exists' }] });
    const noLocality = (
      await env.http
        .post('/me/activity')
        .set(bearer(mentor))
        .send({ ...entry, localityId: '00000000-0000-4000-8000-000000000000' })
        .expect(404)
    ).body;
    expect(noLocality).toMatchObject({ message: 'localityId does not name a record of this organisation', details: [{ field: 'localityId', rule: 'exists' }] });

    const logged = (
      await env.http
        .post('/me/activity')
        .set(bearer(mentor))
        .send({ ...entry, placementId: own })
        .expect(201)
    ).body;
    expect(logged).toMatchObject({ placementId: own, personName: 'Nadia Navigator' });
    await env.http
      .put(`/me/activity/${logged.id}`)
      .set(bearer(mentor))
      .send({ ...entry, placementId: others })
      .expect(404);
  });

  it('shows in supervision who has logged nothing for the organisation’s number of days, and records the lone-working sign-off', async () => {
    await env.http.put('/field-settings').set(bearer(admin)).send({ noActivityDays: 7 }).expect(200);
    const host = await createHost(env, admin, { name: 'Bolton Library' });
    const quiet = await createPerson(env, coordinator, { name: 'Quinn Quiet' });
    const placement = (
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(quiet.id, host.id, -20, { status: 'active' }))
        .expect(201)
    ).body;
    expect(placement.activity).toMatchObject({ lastLoggedOn: null, quietDays: 20, noActivityDays: 7, noActivityFlag: true });
    const flagged = (await env.http.get('/activity/quiet').set(bearer(coordinator)).expect(200)).body;
    expect(flagged).toContainEqual(expect.objectContaining({ personName: 'Quinn Quiet', quietDays: 20, flaggedOn: isoDaysFromToday(-13) }));

    const signedOff = (
      await env.http
        .post(`/placements/${placement.id}/supervision`)
        .set(bearer(coordinator))
        .send({ heldOn: isoDaysFromToday(-1), loneWorkingSignedOff: true })
        .expect(201)
    ).body;
    expect(signedOff.loneWorkingSignedOffOn).toBe(isoDaysFromToday(-1));
  });
});
