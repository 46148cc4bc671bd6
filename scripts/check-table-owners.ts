/*
 * `npm run lint` step: every table has exactly one owning lib, and no other lib or app names it.
 *
 * Lint's import rules cannot see SQL, so this reads the code as text:
 * - every table a migration creates must have an owner in TABLE_OWNERS below, and the owners table in
 *   docs/architecture.md must say the same;
 * - SQL in a lib's or app's source (outside tests and migrations) may name only its own lib's tables:
 *   `FROM t`, `JOIN t`, `UPDATE t`, `INSERT INTO t`, `DELETE FROM t`, `TRUNCATE t`;
 * - a TypeORM entity may be loaded or saved (`manager.find…(Entity`, `getRepository(Entity)`, …) only by
 *   the lib that declares it;
 * - every database function the migrations leave in place has an owner in FUNCTION_OWNERS, and its
 *   body (as last defined) names only that owner's tables; it calls other owners' functions instead.
 * A lib that needs another's rows calls the owner's exported function, or folds a fragment the owner
 * exports into its own statement (the fragment's SQL lives in the owner's files, so it is checked there).
 * Run with `npx ts-node scripts/check-table-owners.ts` (exit code 1 and the offending lines on failure).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..');

/** The one source of truth for ownership; docs/architecture.md's table is checked against it. */
export const TABLE_OWNERS: Record<string, readonly string[]> = {
  core: ['audit_log', 'outbox'],
  organisations: ['organisations', 'users', 'memberships', 'sessions', 'invitations', 'sign_up_requests'],
  notifications: ['deliveries', 'notify_settings'],
  areas: ['localities', 'census_datasets', 'census_counts'],
  people: ['people', 'demographic_profiles', 'consents', 'data_rights_requests'],
  recruitment: ['programmes', 'intakes', 'intake_locality_capacities', 'applications', 'application_transitions', 'referral_partners', 'equality_step_tokens'],
  cohorts: ['cohorts', 'cohort_sessions', 'cohort_trainers', 'enrolments', 'attendance', 'completion_rules', 'assessment_results', 'withdrawals', 'at_risk_events'],
  field: ['field_settings', 'activity_entries', 'activity_monthly_totals', 'expense_claims', 'expense_receipts', 'expense_export_batches'],
  placements: ['host_organisations', 'placement_opportunities', 'placements', 'placement_reviews', 'safety_checks', 'supervision_records'],
  progression: ['jobs', 'sustainment_checks', 'paid_roles'],
  representativeness: ['selections', 'selection_replacements'],
  reminders: ['coordinator_messages', 'coordinator_message_recipients'],
  reports: ['reports', 'report_files'],
};

/**
 * The database functions the migrations create, by the lib whose tables each reads or writes. A lib's
 * SQL may call any of them (they are the owner's exported statements); the owner-named ones
 * (`people_…`, `core_…`, `recruitment_…`) are what one owner's function calls in another's.
 */
export const FUNCTION_OWNERS: Record<string, readonly string[]> = {
  core: ['audit_log_is_append_only', 'outbox_pending_organisation_ids', 'outbox_recently_relayed_organisation_ids', 'core_audit', 'core_outbox_stage'],
  organisations: [
    'platform_organisation_ids',
    'authenticate_session',
    'authenticate_session_profile',
    'request_sign_up',
    'sign_up_request_for_email',
    'mark_sign_up_email_sent',
    'unsent_sign_up_requests',
    'claim_sign_up_request',
    'account_for_sign_in',
    'create_account',
    'organisation_today',
  ],
  people: ['people_record_applicant', 'people_date_of_birth', 'people_record_equality_answers'],
  recruitment: ['application_reference', 'recruitment_submit_public_application', 'recruitment_submit_equality_answers'],
  field: ['activity_totals_inserted', 'activity_totals_updated', 'activity_totals_deleted'],
  representativeness: ['selections_unfinished_organisation_ids'],
};

export interface Finding {
  file: string;
  line: number;
  message: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'migrations' || name === 'node_modules') continue;
      out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function ownerOfFunction(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [lib, functions] of Object.entries(FUNCTION_OWNERS)) for (const name of functions) owners.set(name, lib);
  return owners;
}

function ownerOfTable(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [lib, tables] of Object.entries(TABLE_OWNERS)) {
    for (const table of tables) {
      if (owners.has(table)) throw new Error(`${table} has two owners: ${owners.get(table)} and ${lib}`);
      owners.set(table, lib);
    }
  }
  return owners;
}

/** The unit a file belongs to: `libs/<lib>` gives the lib's name, `apps/<app>` gives `app:<app>` (which owns no table). */
function unitOf(file: string): string | undefined {
  const [top, name] = relative(ROOT, file).split(sep);
  if (top === 'libs') return name;
  if (top === 'apps') return `app:${name}`;
  return undefined;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

const MIGRATIONS = join(ROOT, 'libs/core/src/database/migrations');

/** The migrations' files in the order they run (their names start with the timestamp). */
function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS)
    .filter((name) => /^\d+-.*\.ts$/.test(name))
    .sort()
    .map((name) => join(MIGRATIONS, name));
}

/** Tables the migrations create. */
function createdTables(): Set<string> {
  const tables = new Set<string>();
  for (const file of migrationFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)) tables.add(match[1]);
  }
  return tables;
}

/** The entity classes each lib declares, by class name, with their table. */
function entityOwners(files: string[], owners: Map<string, string>): Map<string, { lib: string; table: string }> {
  const entities = new Map<string, { lib: string; table: string }>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/@Entity\(\s*'([a-z_]+)'[^)]*\)\s*(?:@[^\n]*\n\s*)*export class (\w+)/g)) {
      const [, table, entity] = match;
      const lib = owners.get(table);
      if (lib) entities.set(entity, { lib, table });
    }
  }
  return entities;
}

const SQL_REFERENCE = /\b(?:FROM|JOIN|UPDATE|INSERT INTO|DELETE FROM|TRUNCATE)\s+(?:public\.)?([a-z_]+)\b/g;
const FUNCTION_DEFINITION = /CREATE (?:OR REPLACE )?FUNCTION (?:public\.)?([a-z_]+)\s*\(/g;
const FUNCTION_DROP = /DROP FUNCTION (?:IF EXISTS )?([^`'"]+)/g;

/**
 * The functions the migrations leave in place, each with its last definition's body (between its
 * `$$` quotes) and where that is. Only what runs on the way up counts: a file's text before `down(`.
 */
export function migratedFunctions(files: string[]): Map<string, { file: string; line: number; body: string }> {
  const functions = new Map<string, { file: string; line: number; body: string }>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const up = text.split(/async down\(/)[0];
    const events: Array<{ index: number; apply: () => void }> = [];
    for (const match of up.matchAll(FUNCTION_DEFINITION)) {
      const start = up.indexOf('$$', match.index);
      const end = start < 0 ? -1 : up.indexOf('$$', start + 2);
      const body = start < 0 || end < 0 ? '' : up.slice(start + 2, end);
      const place = { file: relative(ROOT, file).split(sep).join('/'), line: lineOf(text, match.index), body };
      events.push({ index: match.index, apply: () => functions.set(match[1], place) });
    }
    for (const match of up.matchAll(FUNCTION_DROP)) {
      const names = [...match[1].matchAll(/(?:public\.)?([a-z_]+)\s*\(/g)].map((m) => m[1]);
      events.push({ index: match.index, apply: () => names.forEach((name) => functions.delete(name)) });
    }
    events.sort((a, b) => a.index - b.index).forEach((event) => event.apply());
  }
  return functions;
}
const ENTITY_USE =
  /\b(?:find|findOne|findOneBy|findOneByOrFail|findOneOrFail|findBy|findAndCount|count|countBy|exists|existsBy|save|insert|update|upsert|delete|remove|softDelete|increment|decrement|create|getRepository|createQueryBuilder|preload|merge)\(\s*(\w+)\b/g;

/** The tables a source text's SQL names, with where. */
export function tablesNamedIn(text: string): Array<{ index: number; table: string }> {
  return [...text.matchAll(SQL_REFERENCE)].map((m) => ({ index: m.index, table: m[1] }));
}

/** Functions without an owner, and functions whose body names another owner's table. */
export function functionFindings(files: string[]): Finding[] {
  const tableOwners = ownerOfTable();
  const functionOwners = ownerOfFunction();
  const findings: Finding[] = [];
  for (const [name, { file, line, body }] of migratedFunctions(files)) {
    const owner = functionOwners.get(name);
    if (!owner) {
      findings.push({ file, line, message: `database function ${name} has no owner in FUNCTION_OWNERS (scripts/check-table-owners.ts)` });
      continue;
    }
    for (const { table } of tablesNamedIn(body)) {
      const tableOwner = tableOwners.get(table);
      if (tableOwner && tableOwner !== owner) {
        findings.push({ file, line, message: `database function ${name} (${owner}'s) names ${table}, which ${tableOwner} owns: call a function of ${tableOwner}'s instead` });
      }
    }
  }
  return findings;
}

export function checkTableOwners(): Finding[] {
  const owners = ownerOfTable();
  const findings: Finding[] = [];
  const files = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps/api/src')), ...sourceFiles(join(ROOT, 'apps/worker/src'))];

  for (const table of createdTables()) {
    if (!owners.has(table)) findings.push({ file: 'libs/core/src/database/migrations', line: 0, message: `table ${table} has no owner in TABLE_OWNERS (scripts/check-table-owners.ts)` });
  }
  const documented = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  for (const [lib, tables] of Object.entries(TABLE_OWNERS)) {
    const row = new RegExp(`^\\| ${lib} \\| (.*) \\|$`, 'm').exec(documented);
    const listed = row ? [...row[1].matchAll(/`([a-z_]+)`/g)].map((m) => m[1]) : [];
    if (listed.sort().join() !== [...tables].sort().join()) findings.push({ file: 'docs/architecture.md', line: 0, message: `the owners table's row for ${lib} should list ${tables.join(', ')}` });
  }

  findings.push(...functionFindings(migrationFiles()));

  const entities = entityOwners(files, owners);
  for (const file of files) {
    const unit = unitOf(file);
    if (!unit) continue;
    const text = readFileSync(file, 'utf8');
    const path = relative(ROOT, file).split(sep).join('/');
    const report = (index: number, table: string, how: string) =>
      findings.push({ file: path, line: lineOf(text, index), message: `${how} ${table}, which ${owners.get(table)} owns: call or fold what ${owners.get(table)} exports` });
    for (const { index, table } of tablesNamedIn(text)) {
      const owner = owners.get(table);
      if (owner && owner !== unit) report(index, table, 'SQL names');
    }
    for (const match of text.matchAll(ENTITY_USE)) {
      const entity = entities.get(match[1]);
      if (entity && entity.lib !== unit) report(match.index, entity.table, `the entity ${match[1]} reads or writes`);
    }
  }
  return findings;
}

if (require.main === module) {
  const findings = checkTableOwners();
  for (const f of findings) console.error(`${f.file}${f.line ? `:${f.line}` : ''}  ${f.message}`);
  if (findings.length) {
    console.error(`\n${findings.length} table-ownership problem(s): see "One owner per table" in docs/architecture.md`);
    process.exit(1);
  }
  console.log('table owners: every table has one owner, and only its owner names it');
}
