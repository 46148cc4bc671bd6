import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTableOwners, functionFindings, tablesNamedIn } from './check-table-owners';

function migrations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'owners-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

describe('table ownership check', () => {
  it('finds the tables a statement reads and writes, not words in prose', () => {
    const text =
      "const sql = `SELECT p.name FROM people p JOIN applications a ON a.person_id = p.id`;\n// read from people on the page\nawait m.query('UPDATE intakes SET status = $1'); await m.query(`DELETE FROM consents`);";
    expect(tablesNamedIn(text).map((t) => t.table)).toEqual(['people', 'applications', 'intakes', 'consents']);
  });

  it("finds a database function whose body names another owner's table, judged on its last definition", () => {
    const crossing = `async up(q) { await q.query(\`CREATE FUNCTION public.recruitment_submit_public_application(p uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO public.people (id) VALUES (p); INSERT INTO public.applications (id) VALUES (p); END $$\`); }
      async down(q) { await q.query(\`DROP FUNCTION public.recruitment_submit_public_application(uuid)\`); }`;
    const fixed = `async up(q) { await q.query(\`CREATE OR REPLACE FUNCTION recruitment_submit_public_application(p uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN PERFORM public.people_record_applicant(p); INSERT INTO applications (id) VALUES (p); END $$\`); }`;
    const [first, second] = migrations({ '1-a.ts': crossing, '2-b.ts': fixed });
    expect(functionFindings([first]).map((f) => f.message)).toEqual([
      "database function recruitment_submit_public_application (recruitment's) names people, which people owns: call a function of people's instead",
    ]);
    expect(functionFindings([first, second])).toEqual([]);
  });

  it('forgets a dropped function and asks for an owner for a new one', () => {
    const files = migrations({
      '1-a.ts': 'async up(q) { await q.query(`CREATE FUNCTION stray(p uuid) RETURNS void LANGUAGE sql AS $$ DELETE FROM people $$`); }',
      '2-b.ts': 'async up(q) { await q.query(`CREATE FUNCTION lost() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$`); await q.query(`DROP FUNCTION stray(uuid), other()`); }',
    });
    expect(functionFindings(files).map((f) => f.message)).toEqual(['database function lost has no owner in FUNCTION_OWNERS (scripts/check-table-owners.ts)']);
  });

  it('passes on this tree: every table owned, and named only by its owner', () => {
    expect(checkTableOwners()).toEqual([]);
  });
});
