import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Role } from '@steppingstone/core';
import { ReportScheduler } from '@steppingstone/reports';
import { importCensus, localitiesOfSmallAreas } from '../../factories/census';
import { createCohort, generateSchedule, isoDaysFromToday, mondayOf } from '../../factories/cohorts';
import { addMember, bearer, SignedIn, signUpOrganisation } from '../../factories/organisations';
import { recordDemographics } from '../../factories/people';
import { backdateApplications, createHost, createOpportunity, jobBody, placementBody } from '../../factories/progression';
import { enterApplicant } from '../../factories/recruitment';
import { pdfText } from '../../support/pdf-text';
import { tablesOf } from '../../support/report-tables';
import { TestEnvironment } from '../../support/test-environment';

/*
 * An attacker's check, independent of the product's code: withheld values are unknowns, shown
 * values and totals are known, and every published sum is an equation. A withheld value can be
 * recovered (by subtraction or any combination of sums) when dropping its column lowers the rank.
 */
function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let found = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && found < m.length; c++) {
    const pivot = m.findIndex((row, r) => r >= found && Math.abs(row[c]) > 1e-9);
    if (pivot < 0) continue;
    [m[found], m[pivot]] = [m[pivot], m[found]];
    for (let r = 0; r < m.length; r++) {
      if (r === found) continue;
      const factor = m[r][c] / m[found][c];
      for (let k = c; k < m[r].length; k++) m[r][k] -= factor * m[found][k];
    }
    found += 1;
  }
  return found;
}

const isWithheld = (v: string) => v === '<5' || v === '[c]';

/** Lines of a grid (each row's cells then its total): the names of the withheld values they give away. */
function recoverable(lines: string[][][]): string[] {
  const unknowns = new Map<string, number>();
  for (const line of lines) for (const [name, value] of line) if (isWithheld(value) && !unknowns.has(name)) unknowns.set(name, unknowns.size);
  if (!unknowns.size) return [];
  const equations = lines.map((line) => {
    const row = new Array<number>(unknowns.size).fill(0);
    line.forEach(([name, value], i) => {
      if (isWithheld(value)) row[unknowns.get(name)!] += i === line.length - 1 ? -1 : 1;
    });
    return row;
  });
  const full = rank(equations);
  return [...unknowns.keys()].filter((_, i) => rank(equations.map((row) => row.filter((__, k) => k !== i))) < full);
}

describe('programme reports', () => {
  let env: TestEnvironment;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let trainer: SignedIn;
  let mentor: SignedIn;
  let stranger: SignedIn;
  let db: Client;
  const period = { from: '2020-01-01', to: isoDaysFromToday(0) };

  const waitUntilDone = async (id: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await env.http.get(`/reports/${id}`).set(bearer(coordinator)).expect(200);
      if (body.status === 'done') return body;
      if (body.status === 'failed' || Date.now() > deadline) throw new Error(`report ${id} is ${body.status}: ${body.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const download = async (id: string, format: string) => {
    const response = await env.http
      .get(`/reports/${id}/download`)
      .query({ format })
      .set(bearer(coordinator))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return { body: response.body as Buffer, headers: response.headers };
  };
  const reportEmails = (to: string, reportId: string) => env.smtp!.to(to).filter((m) => (m.text ?? '').includes(`/reports/${reportId}`));

  beforeAll(async () => {
    env = await TestEnvironment.start({ worker: true, smtp: true });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    admin = await signUpOrganisation(env, { organisationName: 'Calderdale Peer Network' });
    coordinator = await addMember(env, admin, Role.Coordinator);
    trainer = await addMember(env, admin, Role.Trainer);
    mentor = await addMember(env, admin, Role.Mentor);
    stranger = await signUpOrganisation(env);

    await importCensus(env, admin, ['sex_by_la.csv', 'ethnicity_by_la.csv', 'age_18plus_by_la.csv', 'lsoa_seed_boroughs.csv']);
    const [north, south] = await localitiesOfSmallAreas(env, admin, 'E09000019', ['North', 'South']);
    const cohort = await createCohort(env, coordinator, [trainer], { capacity: 60 });

    // 40 registered: 26 women, 10 men, 3 preferred not to say and 1 gave no answer.
    const people: string[] = [];
    for (let i = 0; i < 40; i++) {
      const application = await enterApplicant(env, coordinator, cohort.intakeId, { localityId: i % 2 ? south.id : north.id });
      people.push(application.personId);
      const sex = i < 26 ? 'Female' : i < 36 ? 'Male' : i < 39 ? 'Prefer not to say' : null;
      if (sex) await recordDemographics(env, coordinator, application.personId, { sex });
    }
    await backdateApplications(env, admin.organisationId, people, isoDaysFromToday(-16 * 7));
    const { body: enrolments } = await env.http
      .post(`/cohorts/${cohort.id}/enrolments`)
      .set(bearer(coordinator))
      .send({ personIds: people.slice(0, 36) })
      .expect(201);
    const enrolmentOf = new Map<string, string>(enrolments.map((e: { id: string; personId: string }) => [e.personId, e.id]));
    for (const personId of people.slice(0, 20))
      await env.http
        .post(`/enrolments/${enrolmentOf.get(personId)}/completion`)
        .set(bearer(trainer))
        .expect(200);

    // The course: twelve weekly sessions; the ten men drop out over its weeks, for several reasons.
    await generateSchedule(env, coordinator, cohort.id);
    const start = mondayOf(isoDaysFromToday(-15 * 7));
    const reasons = ['motivation', 'health-or-recovery', 'caring-responsibilities', 'motivation', 'employment', 'motivation', 'health-or-recovery', 'other', 'motivation', 'moved-away'];
    for (const [k, personId] of people.slice(26, 36).entries()) {
      const withdrawnOn = new Date(Date.parse(`${start}T00:00:00Z`) + (7 * (1 + (k % 8)) + 3) * 86_400_000).toISOString().slice(0, 10);
      await env.http
        .post(`/enrolments/${enrolmentOf.get(personId)}/withdrawal`)
        .set(bearer(trainer))
        .send({ withdrawnOn, reason: reasons[k] })
        .expect(200);
    }

    const host = await createHost(env, coordinator, { localityId: north.id });
    const opportunity = await createOpportunity(env, coordinator, host.id);
    for (const personId of people.slice(0, 12)) {
      await env.http
        .post('/placements')
        .set(bearer(coordinator))
        .send(placementBody(personId, host.id, -60, { opportunityId: opportunity.id, status: 'active' }))
        .expect(201);
    }
    for (const personId of people.slice(0, 6))
      await env.http
        .post(`/people/${personId}/jobs`)
        .set(bearer(coordinator))
        .send(jobBody({ startsOn: isoDaysFromToday(-20) }))
        .expect(201);
  });
  afterAll(async () => {
    await db?.end();
    await env?.close();
  });

  let internalId: string;
  let internal: Map<string, { header: string[]; rows: string[][] }>;

  it('produces a report on request whose CSV and PDF figures match the funnel and drop-out endpoints', async () => {
    const requested = await env.http.post('/reports').set(bearer(coordinator)).send(period).expect(202);
    expect(requested.body).toMatchObject({ kind: 'on-demand', periodFrom: period.from, periodTo: period.to, shared: false, status: 'queued' });
    expect(requested.body.jobId).toBe(requested.body.id);
    internalId = requested.body.id;
    const done = await waitUntilDone(internalId);
    expect(done.downloads.pdf).toBe(`/reports/${internalId}/download?format=pdf`);

    const { body: funnel } = await env.http.get('/funnel').query({ registeredFrom: period.from, registeredTo: period.to }).set(bearer(coordinator)).expect(200);
    const { body: dropout } = await env.http.get('/dropout-figures').query({ startsFrom: period.from, startsTo: period.to }).set(bearer(coordinator)).expect(200);
    expect(funnel.stages.map((s: { count: number }) => s.count)).toEqual([40, 20, 12, 6, 0]);
    expect(dropout.withdrawn).toBe(10);

    const csv = await download(internalId, 'csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="programme-report-2020-01-01-to-/);
    internal = tablesOf(csv.body.toString('utf8'));
    expect(internal.get('funnel')!.rows.map((r) => [r[0], Number(r[1])])).toEqual(funnel.stages.map((s: { label: string; count: number }) => [s.label, s.count]));
    const summary = Object.fromEntries(internal.get('dropout-summary')!.rows.map((r) => [r[0], r[1]]));
    expect(summary).toMatchObject({ Cohorts: String(dropout.cohorts), Enrolled: String(dropout.enrolled), Completed: String(dropout.completed), Withdrawn: String(dropout.withdrawn) });
    expect(internal.get('dropout-by-week')!.rows.map((r) => [Number(r[0]), Number(r[2]), Number(r[3])])).toEqual(
      dropout.retentionByWeek.map((w: { week: number; enrolled: number; retained: number }) => [w.week, w.enrolled, w.retained]),
    );
    expect(internal.get('dropout-by-reason')!.rows.map((r) => Number(r[1]))).toEqual(dropout.reasons.map((r: { count: number }) => r.count));
    // The internal report shows every count, the small ones included.
    const bySex = internal.get('equity-sex')!.rows;
    expect(bySex.find((r) => r[0] === 'Prefer not to say')!.slice(1, 6)).toEqual(['3', '0', '0', '0', '0']);
    expect(internal.get('representativeness-pool-sex')!.rows.find((r) => r[0] === 'Male')![1]).toBe('10');
    expect(
      internal
        .get('outcomes')!
        .rows.find((r) => r[0] === 'Placements started')!
        .slice(1),
    ).toEqual(['12', '12']);

    const pdf = await download(internalId, 'pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body);
    const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    const funnelAt = lines.indexOf('Funnel');
    expect(funnelAt).toBeGreaterThan(-1);
    // Each funnel row as the table prints it: stage, people, rate from the previous stage, rate from registration.
    for (const stage of funnel.stages as Array<{ label: string; count: number; fromPrevious: { percent: number } | null; fromRegistered: { percent: number | null } }>) {
      const row = [stage.label, stage.count, stage.fromPrevious?.percent, stage.fromRegistered.percent].filter((v) => v !== undefined && v !== null).join(' ');
      expect(lines.slice(funnelAt)).toContain(row);
    }
    const summaryAt = lines.indexOf('Drop-out summary');
    for (const [label, value] of [
      ['Enrolled', dropout.enrolled],
      ['Withdrawn', dropout.withdrawn],
      ['Completed', dropout.completed],
    ]) {
      expect(lines.slice(summaryAt).find((l) => l.startsWith(`${label} `))).toBe(`${label} ${value}`);
    }
    const reasonsAt = lines.indexOf('Drop-out by reason');
    for (const reason of dropout.reasons as Array<{ reason: string; count: number; share: number }>) {
      const label = {
        motivation: 'Motivation',
        'health-or-recovery': 'Health or recovery',
        'caring-responsibilities': 'Caring duties',
        employment: 'Work',
        other: 'Other',
        'moved-away': 'Moved away',
      }[reason.reason];
      expect(lines.slice(reasonsAt)).toContain(`${label} ${reason.count} ${Math.round(reason.share * 1000) / 10}`);
    }

    const html = (await download(internalId, 'html')).body.toString('utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<table><caption>Funnel<\/caption>/);
    expect(html).toContain('<th scope="row">Registered</th><td class="n">40</td>');
  });

  it('emails each coordinator and admin once, with a link, however often the job runs', async () => {
    await env.smtp!.waitFor(coordinator.email);
    const deadline = Date.now() + 15_000;
    while (reportEmails(admin.email, internalId).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const { rows: before } = await db.query(`SELECT completed_at FROM reports WHERE id = $1`, [internalId]);

    // The same report's job again (a duplicate after Redis lost track of it): nothing new happens.
    const queue = env.worker!.get<Queue>(getQueueToken('reports'));
    const again = await queue.add('produce-report', { organisationId: admin.organisationId, reportId: internalId }, { jobId: `${internalId}-again` });
    const until = Date.now() + 30_000;
    while ((await again.getState()) !== 'completed' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await again.getState()).toBe('completed');
    expect((await queue.getJob(again.id!))!.returnvalue).toMatchObject({ report: 'already-done', emails: { sent: 0, alreadySent: 2 } });

    const { rows: after } = await db.query(`SELECT completed_at, (SELECT count(*)::int FROM report_files f WHERE f.report_id = r.id) AS files FROM reports r WHERE id = $1`, [internalId]);
    expect(after[0]).toEqual({ completed_at: before[0].completed_at, files: 3 });
    for (const who of [coordinator, admin]) {
      const emails = reportEmails(who.email, internalId);
      expect(emails).toHaveLength(1);
      expect(emails[0].subject).toMatch(/^Report on request for Calderdale Peer Network is ready: 1 January 2020 to /);
      expect(emails[0].text).toContain(`http://localhost:3000/reports/${internalId}/download?format=pdf`);
      expect(emails[0].text).toContain('(Europe/London)');
    }
    expect(reportEmails(trainer.email, internalId)).toHaveLength(0);
    expect(reportEmails(mentor.email, internalId)).toHaveLength(0);
  });

  it('withholds every demographic count below 5 in the shared version, and none can be worked out from the totals', async () => {
    const { body } = await env.http
      .post('/reports')
      .set(bearer(admin))
      .send({ ...period, shared: true })
      .expect(202);
    expect(body).toMatchObject({ shared: true, suppressionThreshold: 5 });
    await waitUntilDone(body.id);
    const shared = tablesOf((await download(body.id, 'csv')).body.toString('utf8'));

    // The overall funnel is not demographic and is published in full; the groups' counts are not.
    expect(shared.get('funnel')!.rows.map((r) => r[1])).toEqual(internal.get('funnel')!.rows.map((r) => r[1]));
    const demographic = [...shared.entries()].filter(([key]) => key.startsWith('equity-') || key.startsWith('representativeness-') || key === 'dropout-by-locality-and-reason');
    expect(demographic.length).toBeGreaterThan(6);
    let withheld = 0;
    for (const [key, table] of demographic) {
      const countColumns = key.startsWith('equity-') ? [1, 2, 3, 4, 5] : key.startsWith('representativeness-') ? [1] : table.header.map((_, i) => i).slice(1);
      for (const row of table.rows) {
        if (row[0] === 'All people') continue; // the overall funnel again, published above
        for (const c of countColumns) {
          if (isWithheld(row[c])) withheld += 1;
          else expect({ key, row: row[0], column: table.header[c], value: Number(row[c]) >= 5 }).toEqual({ key, row: row[0], column: table.header[c], value: true });
        }
      }
    }
    expect(withheld).toBeGreaterThan(10);

    // The equity funnel by sex: groups' cells, with the overall funnel as the column totals.
    const bySex = shared.get('equity-sex')!;
    const groups = bySex.rows.filter((r) => r[0] !== 'All people');
    const totals = bySex.rows.find((r) => r[0] === 'All people')!;
    expect(groups.find((r) => r[0] === 'Prefer not to say')!.slice(1, 6)).toEqual(['<5', '<5', '<5', '<5', '<5']);
    const columnLines = [1, 2, 3, 4, 5].map((c) => [...groups.map((g) => [`${g[0]}/${c}`, g[c]]), [`total/${c}`, totals[c]]]);
    expect(recoverable(columnLines)).toEqual([]);
    // Two withheld zeros under a shown 20 and a total of 20 would give the zeros away: the 20 is withheld too.
    expect(groups.find((r) => r[0] === 'Female')![2]).toBe('[c]');

    // Drop-out by locality and reason: each row ends in its total, the last row holds the column totals and the grand total.
    const grid = shared.get('dropout-by-locality-and-reason')!;
    const width = grid.header.length;
    const last = grid.rows.length - 1;
    const at = (r: number, c: number) => [`${r}/${c}`, grid.rows[r][c]];
    const gridLines = [...grid.rows.map((_, r) => Array.from({ length: width - 1 }, (__, k) => at(r, k + 1))), ...Array.from({ length: width - 1 }, (_, k) => grid.rows.map((__, r) => at(r, k + 1)))];
    expect(recoverable(gridLines)).toEqual([]);
    const all = grid.rows[last];
    expect(all[0]).toBe('All localities');
    expect(all[width - 1]).toBe('10');
    expect(shared.get('dropout-by-reason')!.rows.map((r) => r[1])).toEqual(all.slice(1, width - 1));

    const pdf = await download(body.id, 'pdf');
    const text = await pdfText(pdf.body);
    expect(text).toContain('counts below 5 are withheld');
    expect(text).toMatch(/Prefer not to say <5 <5 <5 <5 <5/);
  });

  it('lists the organisation’s reports, newest first, and pages them', async () => {
    const { body } = await env.http.get('/reports').query({ kind: 'on-demand', pageSize: 1 }).set(bearer(coordinator)).expect(200);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(body.items[0]).toMatchObject({ shared: true, status: 'done' });
    const { body: second } = await env.http.get('/reports').query({ kind: 'on-demand', pageSize: 1, page: 2 }).set(bearer(coordinator)).expect(200);
    expect(second.items[0].id).toBe(internalId);
    const { body: audit } = await env.http.get('/audit-log').query({ action: 'report.downloaded' }).set(bearer(admin)).expect(200);
    expect(audit.total).toBeGreaterThanOrEqual(4);
  });

  it('schedules each organisation’s weekly and monthly reports once, for periods in its own time zone', async () => {
    const scheduler = env.worker!.get(ReportScheduler, { strict: false });
    // An organisation that joined today has no report for last week or last month: nothing of theirs was in them.
    expect(await scheduler.scheduleAll()).toMatchObject({ created: 0, failedOrganisations: 0 });
    // 23:30 UTC on 31 March 2030 is already Monday 1 April in London (summer time): March is the month just ended.
    const at = new Date('2030-03-31T23:30:00Z');
    expect(await scheduler.scheduleAll(at)).toMatchObject({ created: 2, failedOrganisations: 0 });
    expect(await scheduler.scheduleAll(at)).toMatchObject({ created: 0, failedOrganisations: 0 });

    const scheduled = async (kind: string, periodFrom: string) => {
      const { body } = await env.http.get('/reports').query({ kind }).set(bearer(coordinator)).expect(200);
      const found = body.items.filter((r: { periodFrom: string }) => r.periodFrom === periodFrom);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const monthly = await scheduled('monthly', '2030-03-01');
    expect(monthly).toMatchObject({ periodTo: '2030-03-31', shared: false, requestedBy: null });
    const weekly = await scheduled('weekly', '2030-03-25');
    expect(weekly.periodTo).toBe('2030-03-31');
    for (const report of [monthly, weekly]) {
      await waitUntilDone(report.id);
      const deadline = Date.now() + 15_000;
      while ((reportEmails(coordinator.email, report.id).length < 1 || reportEmails(admin.email, report.id).length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(reportEmails(coordinator.email, report.id)).toHaveLength(1);
    }
    expect(reportEmails(coordinator.email, monthly.id)[0].subject).toBe('Monthly report for Calderdale Peer Network is ready: 1 March 2030 to 31 March 2030');
    const { body: theirs } = await env.http.get('/reports').set(bearer(stranger)).expect(200);
    expect(theirs.total).toBe(0);
  });

  it('refuses trainers and mentors, hides reports from other organisations and names the field at fault', async () => {
    await env.http.post('/reports').set(bearer(trainer)).send(period).expect(403);
    await env.http.get('/reports').set(bearer(trainer)).expect(403);
    await env.http.get(`/reports/${internalId}`).set(bearer(mentor)).expect(403);
    await env.http.get(`/reports/${internalId}/download`).query({ format: 'pdf' }).set(bearer(mentor)).expect(403);

    const other = await env.http.get(`/reports/${internalId}`).set(bearer(stranger)).expect(404);
    expect(other.body).toMatchObject({ code: 'REPORT_NOT_FOUND' });
    await env.http.get(`/reports/${internalId}/download`).query({ format: 'csv' }).set(bearer(stranger)).expect(404);
    const { body: theirs } = await env.http.get('/reports').set(bearer(stranger)).expect(200);
    expect(theirs.total).toBe(0);

    const field = async (body: Record<string, unknown>, name: string) => {
      const refused = await env.http.post('/reports').set(bearer(coordinator)).send(body).expect(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(name);
      return refused.body;
    };
    await field({ to: '2026-03-31' }, 'from');
    await field({ from: '2026-02-30', to: '2026-03-31' }, 'from');
    expect((await field({ from: '2026-03-31', to: '2026-03-01' }, 'to')).message).toBe('to must be on or after from');
    await field({ preset: 'last-decade' }, 'preset');
    await field({ preset: 'last-month', from: '2026-03-01' }, 'preset');
    await field({ ...period, shared: 'yes' }, 'shared');
    await field({ ...period, suppressionThreshold: 1 }, 'suppressionThreshold');
    await field({ ...period, colour: 'blue' }, 'colour');
    const badFormat = await env.http.get(`/reports/${internalId}/download`).query({ format: 'docx' }).set(bearer(coordinator)).expect(400);
    expect(badFormat.body.details[0]).toMatchObject({ field: 'format' });
    await env.http.get('/reports/not-a-report').set(bearer(coordinator)).expect(400);

    // A report that failed for good (its job out of attempts) says why instead of offering a file.
    const {
      rows: [failed],
    } = await db.query(
      `INSERT INTO reports (organisation_id, id, kind, period_from, period_to, status, error, attempts) VALUES ($1, gen_random_uuid(), 'on-demand', '2026-01-01', '2026-01-31', 'failed', 'the database was away', 5) RETURNING id`,
      [admin.organisationId],
    );
    const notReady = await env.http.get(`/reports/${failed.id}/download`).query({ format: 'pdf' }).set(bearer(coordinator)).expect(409);
    expect(notReady.body).toMatchObject({ code: 'REPORT_NOT_READY', message: 'The report could not be produced: the database was away' });

    const { body: preset } = await env.http.post('/reports').set(bearer(coordinator)).send({ preset: 'last-month' }).expect(202);
    expect(preset.periodFrom).toMatch(/^\d{4}-\d{2}-01$/);
    // Finished, emails and all, before the worker stops, so no job is left half-way through sending.
    expect((await waitUntilDone(preset.id)).status).toBe('done');
    const deadline = Date.now() + 15_000;
    while ((reportEmails(coordinator.email, preset.id).length < 1 || reportEmails(admin.email, preset.id).length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect([reportEmails(coordinator.email, preset.id).length, reportEmails(admin.email, preset.id).length]).toEqual([1, 1]);
  });
});
