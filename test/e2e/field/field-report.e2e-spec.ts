import { Role } from '@steppingstone/core';
import { isoDaysFromToday } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { createPerson } from '../../factories/people';
import { pdfText } from '../../support/pdf-text';
import { tablesOf } from '../../support/report-tables';
import { TestEnvironment } from '../../support/test-environment';

describe('work in the field in the programme report', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;

  const download = async (id: string, format: string) =>
    (
      await env.http
        .get(`/reports/${id}/download`)
        .query({ format })
        .set(bearer(coordinator))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true });
    admin = await signUpOrganisation(env, { organisationName: 'Bolton Peer Navigators' });
    coordinator = await addMember(env, admin, Role.Coordinator);
  });
  afterAll(() => env?.close());

  it('gives the approved hours, people reached, social value at the organisation’s rate and expense totals as worked out by hand, in the CSV, HTML and PDF', async () => {
    await env.http.put('/field-settings').set(bearer(admin)).send({ socialValueHourlyPence: 1221 }).expect(200);
    const navigators: SignedIn[] = [];
    for (const name of ['Leanne Hughes', 'Dev Mistry']) {
      const navigator = await addMember(env, admin, Role.Mentor);
      const person = await createPerson(env, coordinator, { name });
      await env.http.put(`/people/${person.id}/account`).set(bearer(coordinator)).send({ userId: navigator.userId }).expect(200);
      navigators.push(navigator);
    }
    const [leanne, dev] = navigators;
    const day = isoDaysFromToday(-2);
    const log = async (who: SignedIn, body: Record<string, unknown>) =>
      (
        await env.http
          .post('/me/activity')
          .set(bearer(who))
          .send({ occurredOn: day, ...body })
          .expect(201)
      ).body;
    const approved = [
      await log(leanne, { minutes: 180, kind: 'outreach-event', peopleReached: 60 }),
      await log(leanne, { minutes: 60, kind: 'peer-contact', peopleReached: 1 }),
      await log(dev, { minutes: 180, kind: 'outreach-event', peopleReached: 38 }),
      await log(dev, { minutes: 45, kind: 'admin' }),
    ];
    for (const entry of approved) await env.http.post(`/activity/${entry.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    // Neither a queried entry nor one waiting for review counts.
    const queried = await log(dev, { minutes: 150, kind: 'outreach-event', peopleReached: 30 });
    await env.http.post(`/activity/${queried.id}/review`).set(bearer(coordinator)).send({ decision: 'query', note: 'How many were new to us?' }).expect(200);
    await log(leanne, { minutes: 60, kind: 'peer-contact', peopleReached: 1 });

    const claim = async (who: SignedIn, body: Record<string, unknown>) =>
      (
        await env.http
          .post('/me/expense-claims')
          .set(bearer(who))
          .send({ incurredOn: day, ...body })
          .expect(201)
      ).body;
    const bus = await claim(leanne, { category: 'public-transport', description: 'Bus to Horwich', amountPence: 480 });
    const mileage = await claim(dev, { category: 'mileage', description: 'Drove to the market stall', miles: 12.5 });
    const taxi = await claim(dev, { category: 'public-transport', description: 'Taxi home', amountPence: 1500 });
    await claim(leanne, { category: 'parking', description: 'Parking at the library', amountPence: 250 });
    for (const c of [bus, mileage]) await env.http.post(`/expense-claims/${c.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);
    await env.http.post(`/expense-claims/${taxi.id}/review`).set(bearer(coordinator)).send({ decision: 'reject', note: 'Not a taxi journey we cover' }).expect(200);
    // The bus fare and the mileage go in a payment batch; a later bus fare, approved afterwards, waits for the next.
    await env.http.post('/expense-batches').set(bearer(coordinator)).expect(201);
    const later = await claim(leanne, { category: 'public-transport', description: 'Bus to Farnworth', amountPence: 320 });
    await env.http.post(`/expense-claims/${later.id}/review`).set(bearer(coordinator)).send({ decision: 'approve' }).expect(200);

    const { body: report } = await env.http
      .post('/reports')
      .set(bearer(coordinator))
      .send({ from: isoDaysFromToday(-30), to: isoDaysFromToday(0) })
      .expect(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body: current } = await env.http.get(`/reports/${report.id}`).set(bearer(coordinator)).expect(200);
      if (current.status === 'done') break;
      if (current.status === 'failed' || Date.now() > deadline) throw new Error(`report ${report.id} is ${current.status}: ${current.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const csv = tablesOf((await download(report.id, 'csv')).toString('utf8'));

    // By hand: 180 + 60 + 180 + 45 = 465 minutes = 7.75 hours, reaching 60 + 1 + 38 = 99; at £12.21 an hour 465 × 1221 / 60 = 9462.75p, £94.63.
    expect(csv.get('activity-summary')!.rows).toEqual([
      ['Activity entries approved', '4'],
      ['Hours', '7.75'],
      ['People reached', '99'],
      ['People who logged activity', '2'],
      ['Hourly rate (£)', '12.21'],
      ['Social value (£)', '94.63'],
    ]);
    expect(csv.get('activity-by-kind')!.rows).toEqual([
      ['Admin', '1', '0.75', '0'],
      ['Outreach event', '2', '6', '98'],
      ['Peer contact', '1', '1', '1'],
    ]);
    expect(csv.get('activity-by-month')!.rows).toEqual([[day.slice(0, 7), '4', '7.75', '99']]);
    // Approved: mileage 12.5 × 45p = 562.5p, £5.63, in the batch; bus fares £4.80 + £3.20 = £8.00, of which £4.80 in the batch. Waiting: parking £2.50. The taxi was rejected.
    expect(csv.get('expenses-by-category')!.rows).toEqual([
      ['Mileage', '1', '5.63', '5.63', '0', '0', '12.5'],
      ['Parking', '0', '0', '0', '1', '2.5', ''],
      ['Public transport', '2', '8', '4.8', '0', '0', ''],
      ['All categories', '3', '13.63', '10.43', '1', '2.5', ''],
    ]);

    const html = (await download(report.id, 'html')).toString('utf8');
    expect(html).toContain('Work in the field');
    expect(html).toContain('<th scope="row">Social value (£)</th><td class="n">94.63</td>');
    const pdf = await pdfText(await download(report.id, 'pdf'));
    expect(pdf).toContain('Hours and social value');
    expect(pdf).toMatch(/Social value \(£\)\s+94\.63/);
    expect(pdf).toMatch(/All categories\s+3\s+13\.63\s+10\.43\s+1\s+2\.5/);
  }, 120_000);
});
