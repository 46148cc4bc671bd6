import { EntityManager } from 'typeorm';
import { personGrouping } from './person-groups';

const NORTH = '6b1e9c2a-0000-4000-8000-000000000001';

function fakeManager(): { manager: EntityManager; queries: string[] } {
  const queries: string[] = [];
  const manager = {
    query: async (sql: string) => {
      queries.push(sql);
      return [{ id: NORTH, name: 'North ward' }];
    },
    // Enough of TypeORM's driver for core's named parameters: the values in the order named.
    connection: { driver: { escapeQueryWithParameters: (sql: string, params: Record<string, unknown>) => [sql, Object.values(params)] } },
  } as unknown as EntityManager;
  return { manager, queries };
}

describe('personGrouping', () => {
  it('knows only the gap analysis dimensions', async () => {
    expect(await personGrouping(fakeManager().manager, 'org', 'shoe_size')).toBeUndefined();
  });

  it("places each person's statement on the caller's placeholders, whatever their numbers", async () => {
    const { manager, queries } = fakeManager();
    const age = (await personGrouping(manager, 'org', 'age_18plus'))!;
    const sql = age.personValues({ organisation: '$4', referenceDate: '$7' });
    expect(sql).toContain('$7::date');
    expect(sql).toContain('p.organisation_id = $4');
    expect(sql).not.toMatch(/\$[12]\b/);
    expect(sql).toMatch(/^SELECT pv\.person_id, .* AS value FROM \(SELECT p\.id AS person_id/);
    expect(queries).toEqual([]);

    const sex = (await personGrouping(manager, 'org', 'sex'))!;
    const sexSql = sex.personValues({ organisation: '$1', referenceDate: '$2' });
    expect(sexSql).toMatch(/^SELECT pv\.person_id, \(pv\.sex\)::text AS value FROM \(/);
    expect(sexSql).toContain('d.organisation_id = $1');
    // An answer alone is read without the person record; age and locality need it.
    expect(sexSql).not.toContain('FROM people');
    expect((await personGrouping(manager, 'org', 'locality'))!.personValues({ organisation: '$1', referenceDate: '$2' })).toContain('FROM people');
  });

  it('groups a value as the gap analysis does, keeping the undisclosed groups apart', async () => {
    const { manager } = fakeManager();
    const ethnicity = (await personGrouping(manager, 'org', 'ethnicity_broad'))!;
    expect(ethnicity.dimension).toEqual({ key: 'ethnicity_broad', label: 'Ethnic group (high level)' });
    expect(ethnicity.groupOf('Asian, Asian British or Asian Welsh: Indian')).toBe('Asian');
    expect(ethnicity.groupOf(null)).toBe('Not recorded');
    expect(ethnicity.groupOf('Prefer not to say')).toBe('Prefer not to say');

    const age = (await personGrouping(manager, 'org', 'age_18plus'))!;
    expect(age.groupOf('30')).toBe('25-34');
    expect(age.groupOf('16')).toBe('Under 18');
  });

  it('names a locality by its name', async () => {
    const { manager, queries } = fakeManager();
    const locality = (await personGrouping(manager, 'org', 'locality'))!;
    expect(locality.groupOf(NORTH)).toBe('North ward');
    expect(locality.groupOf(null)).toBe('Not recorded');
    expect(queries).toHaveLength(1);
  });
});
