/*
 * Training cohorts, through HTTP against the api booted in this process on a fresh database:
 *   register-save-30       ms, median of saving a 30-person register (PUT /sessions/:id/register,
 *                          every line changed each time, so each save writes 30 rows; target < 30 ms)
 *   dropout-figures-360k   ms, median of GET /dropout-figures across 1,000 cohorts x 30 people x 12
 *                          sessions (360,000 attendance rows; target < 300 ms, computed in SQL)
 * Seed data is written with set-based SQL as the database owner and is not timed. Small size: 30
 * cohorts (10,800 attendance rows) and fewer repetitions, same measure names.
 */
import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { appUrlFromOwnerUrl, dropDatabase, migrate, parseConfig } from '@steppingstone/core';
import { invitationToken } from '@steppingstone/organisations';
import { createApi } from '../../../apps/api/src/create-api';
import { signUpByLink } from '../../../scripts/sign-up-by-link';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';

const OWNER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/steppingstone';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct horse battery staple';

type Json = Record<string, unknown> & { id?: string; token?: string; userId?: string; organisationId?: string; version?: number };

class Http {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, token: string | null, body?: unknown, expect = [200, 201]): Promise<Json> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as Json;
    if (!expect.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
    return json;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work(i);
    took.push(performance.now() - started);
  }
  return took;
}

/** An organisation with an admin and a trainer, signed in through the real endpoints. */
async function organisation(http: Http, suffix: string, ownerUrl: string) {
  const details = { organisationName: `Bench ${suffix}`, boroughCode: 'E09000019', name: 'Bench Admin', email: `bench-${suffix}@example.org`, password: PASSWORD };
  const admin = (await signUpByLink(http.baseUrl, ownerUrl, parseConfig(process.env).APP_SECRET, details)) as Json;
  const email = `trainer-${suffix}@example.org`;
  const invitation = await http.call('POST', '/invitations', admin.token!, { email, role: 'trainer' });
  const token = invitationToken(parseConfig(process.env).APP_SECRET, admin.organisationId!, invitation.id!);
  await http.call('POST', '/invitations/accept', null, { token, name: 'Bench Trainer', password: PASSWORD });
  const trainer = await http.call('POST', '/auth/login', null, { email, password: PASSWORD, organisationId: admin.organisationId });
  return { organisationId: admin.organisationId!, admin: admin.token!, trainer: trainer.token!, trainerUserId: trainer.userId! };
}

/**
 * Cohorts of 30 with 12 weekly sessions each, about 40% dropping out at a spread of weeks, and a
 * register line for every person at every session. Ids are derived from md5 of the
 * position so the statements can join without reading anything back.
 */
export async function seedCohorts(owner: Client, organisationId: string, programmeId: string, cohorts: number): Promise<number> {
  const q = (sql: string) => owner.query(sql, [organisationId, programmeId, cohorts]);
  await q(`INSERT INTO localities (organisation_id, id, name) SELECT $1, md5('l' || n)::uuid, 'Locality ' || n FROM generate_series(1, 3) n WHERE $2::uuid IS NOT NULL AND $3 > 0`);
  await q(`INSERT INTO cohorts (organisation_id, id, programme_id, name, starts_on, capacity)
           SELECT $1, md5('c' || c)::uuid, $2, 'Bench cohort ' || c, date '2025-01-06' + 7 * (c % 40), 30 FROM generate_series(1, $3) c`);
  await q(`INSERT INTO cohort_sessions (organisation_id, id, cohort_id, starts_at, held_on, duration_minutes)
           SELECT $1, md5('s' || c || '-' || k)::uuid, md5('c' || c)::uuid,
                  ((date '2025-01-08' + 7 * (c % 40) + 7 * (k - 1)) + time '18:00') AT TIME ZONE 'Europe/London', date '2025-01-08' + 7 * (c % 40) + 7 * (k - 1), 120
             FROM generate_series(1, $3) c, generate_series(1, 12) k WHERE $2::uuid IS NOT NULL`);
  await q(`INSERT INTO people (organisation_id, id, name, locality_id)
           SELECT $1, md5('p' || c || '-' || i)::uuid, 'Learner ' || c || '-' || i, md5('l' || (1 + i % 3))::uuid
             FROM generate_series(1, $3) c, generate_series(1, 30) i WHERE $2::uuid IS NOT NULL`);
  await q(`INSERT INTO enrolments (organisation_id, id, cohort_id, person_id, status)
           SELECT $1, md5('e' || c || '-' || i)::uuid, md5('c' || c)::uuid, md5('p' || c || '-' || i)::uuid,
                  CASE WHEN (c * 7 + i * 13) % 100 < 40 THEN 'withdrawn' ELSE 'enrolled' END
             FROM generate_series(1, $3) c, generate_series(1, 30) i WHERE $2::uuid IS NOT NULL`);
  await q(`INSERT INTO withdrawals (organisation_id, id, enrolment_id, withdrawn_on, reason)
           SELECT $1, md5('w' || c || '-' || i)::uuid, md5('e' || c || '-' || i)::uuid,
                  date '2025-01-08' + 7 * (c % 40) + 7 * ((c + i) % 11) + 3,
                  (ARRAY['motivation', 'classroom-environment', 'health-or-recovery', 'caring-responsibilities', 'employment', 'moved-away', 'excluded-for-behaviour', 'other'])[1 + (c + i) % 8]
             FROM generate_series(1, $3) c, generate_series(1, 30) i WHERE (c * 7 + i * 13) % 100 < 40 AND $2::uuid IS NOT NULL`);
  // Every person has a line in every register: those who dropped out were marked absent until their
  // withdrawal was recorded, as trainers do when someone simply stops coming.
  const { rowCount } = await q(`INSERT INTO attendance (organisation_id, session_id, enrolment_id, status)
           SELECT $1, md5('s' || c || '-' || k)::uuid, md5('e' || c || '-' || i)::uuid,
                  CASE WHEN (c * 7 + i * 13) % 100 < 40 AND k > 1 + (c + i) % 11 THEN 'absent'
                       WHEN (c + i * 3 + k * 5) % 100 < 75 THEN 'present' WHEN (c + i * 3 + k * 5) % 100 < 83 THEN 'late'
                       WHEN (c + i * 3 + k * 5) % 100 < 95 THEN 'absent' ELSE 'excused' END
             FROM generate_series(1, $3) c, generate_series(1, 30) i, generate_series(1, 12) k
            WHERE $2::uuid IS NOT NULL`);
  await owner.query(`ANALYZE`);
  return rowCount ?? 0;
}

async function run(options: BenchOptions): Promise<BenchMeasure[]> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(OWNER_URL);
  url.pathname = `/steppingstone_bench_${suffix}`;
  const databaseUrl = url.toString();
  let app: INestApplication | undefined;
  const owner = new Client({ connectionString: databaseUrl });
  try {
    await migrate({ DATABASE_URL: databaseUrl, DATABASE_APP_URL: appUrlFromOwnerUrl(databaseUrl) });
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      DATABASE_APP_URL: appUrlFromOwnerUrl(databaseUrl),
      DATABASE_POOL_SIZE: '5',
      REDIS_URL,
      REDIS_PREFIX: `ss-bench-${suffix.replace(/_/g, '-')}`,
      SMTP_HOST: '127.0.0.1',
      PUBLIC_URL: 'http://localhost:3000',
    });
    app = await createApi();
    await app.listen(0, '127.0.0.1');
    const http = new Http(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    await owner.connect();
    const org = await organisation(http, suffix, databaseUrl);
    const programme = await http.call('POST', '/programmes', org.admin, { name: 'Peer Mentor training', kind: 'training-course' });
    const figuresProgramme = await http.call('POST', '/programmes', org.admin, { name: 'Peer Mentor training (figures)', kind: 'training-course' });
    const measures: BenchMeasure[] = [];

    if (options.wants('register-save-30')) {
      const cohort = await http.call('POST', '/cohorts', org.admin, { programmeId: programme.id, name: 'Register cohort', startsOn: '2025-09-01', capacity: 30, trainerUserIds: [org.trainerUserId] });
      const { rows: people } = await owner.query(`INSERT INTO people (organisation_id, id, name) SELECT $1, gen_random_uuid(), 'Register learner ' || i FROM generate_series(1, 30) i RETURNING id`, [
        org.organisationId,
      ]);
      await http.call('POST', `/cohorts/${cohort.id}/enrolments`, org.admin, { personIds: people.map((p: { id: string }) => p.id) });
      const sessions = (await http.call('POST', `/cohorts/${cohort.id}/schedule`, org.admin, { weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120 })) as unknown as Array<{
        id: string;
      }>;
      const statuses = ['present', 'late', 'absent', 'excused'];
      let version = 0;
      const save = async (i: number) => {
        const entries = people.map((p: { id: string }, n: number) => ({ personId: p.id, status: statuses[(i + n) % 4] }));
        const saved = await http.call('PUT', `/sessions/${sessions[0].id}/register`, org.trainer, { version, entries });
        version = saved.version!;
      };
      await timed(options.full ? 20 : 5, save);
      const took = await timed(options.full ? 200 : 30, (i) => save(i + 1));
      const reads = await timed(options.full ? 50 : 20, () => http.call('GET', `/sessions/${sessions[0].id}/register`, org.trainer));
      const me = await timed(options.full ? 50 : 20, () => http.call('GET', '/auth/me', org.trainer));
      options.log(`for comparison: reading the register ${median(reads).toFixed(1)} ms, GET /auth/me ${median(me).toFixed(1)} ms (medians)`);
      options.log(`register-save-30: ${took.length} saves, median ${median(took).toFixed(1)} ms, p90 ${[...took].sort((a, b) => a - b)[Math.floor(took.length * 0.9)].toFixed(1)} ms`);
      // GET /auth/me in the same run shows how loaded the machine was (the register save does several times its work).
      measures.push({
        name: 'register-save-30',
        value: Math.round(median(took) * 10) / 10,
        unit: 'ms',
        note: `median of ${took.length}, target < 30; GET /auth/me ${median(me).toFixed(1)} ms in the same run`,
      });
    }

    if (options.wants('dropout-figures-360k')) {
      const cohorts = options.full ? 1000 : 30;
      const started = Date.now();
      const rows = await seedCohorts(owner, org.organisationId, figuresProgramme.id!, cohorts);
      options.log(`seeded ${cohorts} cohorts, ${rows} attendance rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const read = () => http.call('GET', `/dropout-figures?programmeId=${figuresProgramme.id}`, org.admin);
      const figures = await read();
      if (figures.cohorts !== cohorts) throw new Error(`expected ${cohorts} cohorts in the figures, got ${figures.cohorts}`);
      options.log(`figures: enrolled ${figures.enrolled}, withdrawn ${figures.withdrawn}, median week ${figures.medianDropoutWeek}`);
      const took = await timed(options.full ? 15 : 5, read);
      measures.push({ name: 'dropout-figures-360k', value: Math.round(median(took)), unit: 'ms', note: `${cohorts} cohorts, ${rows} attendance rows, median of ${took.length}, target < 300` });
    }
    return measures;
  } finally {
    await owner.end().catch(() => undefined);
    await app?.close().catch((e: Error) => options.log(`could not close the api: ${e.message}`));
    await dropDatabase(databaseUrl).catch((e: Error) => options.log(`could not drop ${databaseUrl}: ${e.message}`));
  }
}

export const benchCase: BenchCase = {
  name: 'cohorts',
  measures: ['register-save-30', 'dropout-figures-360k'],
  run,
};
