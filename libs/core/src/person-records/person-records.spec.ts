import { EntityManager } from 'typeorm';
import { PERSON_RECORD_OWNERS, PersonRecordOwner, PersonRecords, PersonRecordsHandler } from './person-records';

const manager = {} as EntityManager;

function registryWith(handlers: Array<Partial<PersonRecordsHandler> & { owner: PersonRecordOwner }>): PersonRecords {
  const registry = new PersonRecords();
  for (const handler of handlers) registry.register(handler);
  return registry;
}

/** Every owner registered, in the reverse of the order they must run, each noting when it ran. */
function everyOwner(ran: string[], extra: (owner: PersonRecordOwner) => Partial<PersonRecordsHandler> = () => ({})): PersonRecords {
  return registryWith(
    [...PERSON_RECORD_OWNERS].reverse().map((owner) => ({
      owner,
      erased: async () => {
        ran.push(owner);
        return { [owner]: 1 };
      },
      ...extra(owner),
    })),
  );
}

describe('PersonRecords', () => {
  it('runs the handlers in the owners’ order, whatever order they registered in, and adds up their counts', async () => {
    const ran: string[] = [];
    const counts = await everyOwner(ran).erased(manager, 'org', { id: 'p', email: null });
    expect(ran).toEqual([...PERSON_RECORD_OWNERS]);
    expect(counts).toEqual(Object.fromEntries(PERSON_RECORD_OWNERS.map((owner) => [owner, 1])));
  });

  it('refuses to run while an owner has not registered, so nothing is half done', async () => {
    const registry = registryWith([{ owner: 'cohorts' }, { owner: 'recruitment' }]);
    await expect(registry.erased(manager, 'org', { id: 'p', email: null })).rejects.toThrow('No person-records handler registered for placements, progression, notifications');
  });

  it('refuses a second handler for one owner', () => {
    expect(() => registryWith([{ owner: 'cohorts' }, { owner: 'cohorts' }])).toThrow('Two person-records handlers for cohorts');
  });

  it('merges sections that are plain objects one level deep, and leaves lists and dates as they are', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const sections: Partial<Record<PersonRecordOwner, Record<string, unknown>>> = {
      cohorts: { journey: { enrolments: [1] } },
      placements: { journey: { placements: [2] } },
      recruitment: { applications: [3], at },
    };
    const registry = everyOwner([], (owner) => ({ exported: async () => sections[owner] ?? {} }));
    expect(await registry.exported(manager, 'org', 'p', { staffNotes: false })).toEqual({ journey: { enrolments: [1], placements: [2] }, applications: [3], at });
  });

  it('collects every owner’s activity sources', () => {
    const registry = everyOwner([], (owner) => (owner === 'notifications' ? {} : { activitySql: () => [`SELECT ${owner}`] }));
    expect(registry.activitySql()).toEqual(['SELECT cohorts', 'SELECT placements', 'SELECT progression', 'SELECT recruitment']);
  });
});
