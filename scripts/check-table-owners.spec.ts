import { checkTableOwners, tablesNamedIn } from './check-table-owners';

describe('table ownership check', () => {
  it('finds the tables a statement reads and writes, not words in prose', () => {
    const text =
      "const sql = `SELECT p.name FROM people p JOIN applications a ON a.person_id = p.id`;\n// read from people on the page\nawait m.query('UPDATE intakes SET status = $1'); await m.query(`DELETE FROM consents`);";
    expect(tablesNamedIn(text).map((t) => t.table)).toEqual(['people', 'applications', 'intakes', 'consents']);
  });

  it('passes on this tree: every table owned, and named only by its owner', () => {
    expect(checkTableOwners()).toEqual([]);
  });
});
