/*
 * Recruitment at the sizes the issue names, through HTTP against the api booted in this process on a
 * fresh database (the e2e TestEnvironment: no build needed):
 *   import-csv-5000        ms for POST /intakes/:id/applicants/import?dryRun=false with 5,000 rows
 *                          (target < 10 s), into an organisation with no people yet
 *   applications-list-50k  ms, median of 20 requests for one filtered, sorted page
 *                          (intake, two stages, text search, sort by name, page 3 of 50) out of
 *                          50,000 applications in 5 intakes (target < 50 ms)
 * The applications are seeded through the import itself, then spread over the stages with SQL.
 * Small size: 500 rows and 5,000 applications, under the same measure names.
 */
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { bearer, signUpOrganisation } from '../../factories/organisations';
import { createLocality, openIntake } from '../../factories/recruitment';
import type { TestEnvironment } from '../../support/test-environment';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const INTAKES = 5;
const CHUNK = 5_000;
const LIST_REQUESTS = 20;
const WARM_UP_ROWS = 200;
const LOCALITIES = ['Holloway', 'Archway', 'Highbury', 'Canonbury', 'Barnsbury'];
const FIRST_NAMES = ['Sam', 'Priya', 'Niamh', 'Joe', 'Kemi', 'Tom', 'Amara', 'Ayesha', 'Callum', 'Dev', 'Ellie', 'Femi', 'Grace', 'Hassan', 'Isla', 'Jamal'];
// A third contain "son", so the searched page has rows well past page 3 at either size.
const SURNAMES = ['Taylor', 'Johnson', 'Shah', 'Okafor', 'Wilson', "O'Brien", 'Walsh', 'Robinson', 'Adebayo', 'Khan', 'Thompson', 'Murphy', 'Patel', 'Jackson', 'Evans'];
const SOURCES = ['self', 'referral', 'coordinator', 'event', ''];
const LIST_QUERY = { stage: 'applied,screened', q: 'son', sort: 'name', direction: 'asc', page: '3', pageSize: '50' };

let serial = 0;

/** A coordinator's spreadsheet: every column filled in the ways people fill them, each person unique. */
export function applicantCsv(rows: number): string {
  const lines = ['Name,Preferred name,Email,Mobile,Postcode,Locality,DOB,Source,Referrer,Contact preferences'];
  for (let i = 0; i < rows; i++) {
    serial += 1;
    const first = FIRST_NAMES[serial % FIRST_NAMES.length];
    const last = SURNAMES[(serial * 7) % SURNAMES.length];
    const source = SOURCES[serial % SOURCES.length];
    const dob = `${1 + (serial % 28)}/${1 + (serial % 12)}/${1950 + (serial % 55)}`;
    lines.push(
      [
        `"${first} ${last}"`,
        serial % 3 ? '' : first,
        `${first}.${last.replace(/'/g, '')}.${serial}@example.org`.toLowerCase(),
        `07700 ${String(100_000 + serial).slice(-6)}`,
        `N${1 + (serial % 19)} ${serial % 10}AB`,
        LOCALITIES[serial % LOCALITIES.length],
        dob,
        source,
        source === 'referral' ? 'Islington Mind' : '',
        serial % 2 ? 'email; sms' : 'email',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const importRows = options.full ? 5_000 : 500;
  const applications = options.full ? 50_000 : 5_000;
  // Imported lazily so that loading the bench runner does not boot the api's code for other cases.
  const { TestEnvironment } = await import('../../support/test-environment');
  const env: TestEnvironment = await TestEnvironment.start();
  try {
    env.api.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => env.api.getHttpServer().once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(env.api.getHttpServer().address() as AddressInfo).port}`;
    const admin = await signUpOrganisation(env);
    for (const name of LOCALITIES) await createLocality(env, admin, name);
    const intakes = [];
    for (let i = 0; i < INTAKES; i++) intakes.push(await openIntake(env, admin, { name: `Intake ${i + 1}`, capacity: 10_000 }));

    const importCsv = async (intakeId: string, csv: string) => {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/intakes/${intakeId}/applicants/import?dryRun=false`, { method: 'POST', headers: { ...bearer(admin), 'content-type': 'text/csv' }, body: csv });
      const elapsed = performance.now() - started;
      const body = (await response.json()) as { created?: number };
      if (response.status !== 201) throw new Error(`Import answered ${response.status}: ${JSON.stringify(body).slice(0, 1_000)}`);
      return { elapsed, created: body.created ?? 0 };
    };

    // A smaller file first, so the timed one measures the import, not the process warming up.
    const warmUp = await importCsv(intakes[0].id, applicantCsv(WARM_UP_ROWS));
    const timed = await importCsv(intakes[0].id, applicantCsv(importRows));
    if (timed.created !== importRows) throw new Error(`Imported ${timed.created} of ${importRows} rows`);
    options.log(`import of ${importRows} rows: ${Math.round(timed.elapsed)} ms (after ${WARM_UP_ROWS} rows in ${Math.round(warmUp.elapsed)} ms to warm up)`);
    const measures: BenchMeasure[] = [{ name: 'import-csv-5000', value: Math.round(timed.elapsed), unit: 'ms', note: `${importRows} rows, target < 10000 ms` }];
    if (!options.wants('applications-list-50k')) return measures;

    let seeded = timed.created + warmUp.created;
    for (let i = 0; seeded < applications; i = (i + 1) % INTAKES) {
      const rows = Math.min(CHUNK, applications - seeded, applications / INTAKES);
      const chunk = await importCsv(intakes[i].id, applicantCsv(rows));
      seeded += chunk.created;
      options.log(`seeded ${seeded} applications (last ${rows} rows in ${Math.round(chunk.elapsed)} ms)`);
    }
    await spreadOverStages(env.databaseUrl, admin.organisationId);

    const query = new URLSearchParams({ intakeId: intakes[1].id, ...LIST_QUERY });
    const list = async () => {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/applications?${query}`, { headers: bearer(admin) });
      const body = (await response.json()) as { items?: unknown[]; total?: number };
      const elapsed = performance.now() - started;
      if (response.status !== 200 || body.items?.length !== 50) throw new Error(`The list answered ${response.status} with ${body.items?.length} items: ${JSON.stringify(body).slice(0, 500)}`);
      return { elapsed, total: body.total };
    };
    for (let i = 0; i < 3; i++) await list();
    const timings: number[] = [];
    let total: number | undefined;
    for (let i = 0; i < LIST_REQUESTS; i++) ({ elapsed: timings[i], total } = await list());
    const median = timings.sort((a, b) => a - b)[Math.floor(timings.length / 2)];
    options.log(`list page 3 of ${total} matches out of ${seeded}: median ${median.toFixed(1)} ms, max ${timings[timings.length - 1].toFixed(1)} ms`);
    measures.push({ name: 'applications-list-50k', value: Math.round(median * 10) / 10, unit: 'ms', note: `median of ${LIST_REQUESTS}, ${seeded} applications, target < 50 ms` });
    return measures;
  } finally {
    await env.close();
  }
}

/** Moves the imported applications along the pipeline as a real intake would have them (skewed to early stages). */
async function spreadOverStages(databaseUrl: string, organisationId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Row-level security is forced even for the owner: scope the transaction like the api does.
    await client.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
    await client.query(
      `UPDATE applications SET stage = (ARRAY['applied','applied','applied','applied','screened','screened','offered','enrolled','waitlisted','declined'])[1 + abs(hashtext(id::text)) % 10],
              stage_changed_at = applied_at + (abs(hashtext(id::text)) % 30) * interval '1 day'
        WHERE organisation_id = $1`,
      [organisationId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE people, applications');
  } finally {
    await client.end();
  }
}

export const benchCase: BenchCase = {
  name: 'recruitment',
  measures: ['import-csv-5000', 'applications-list-50k'],
  run,
};
