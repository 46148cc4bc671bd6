import { OrganisationBatches } from './organisation-batches';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';

/** A gate the test opens by hand, standing in for a transaction that is still running. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('OrganisationBatches', () => {
  it('runs a lone call at once, then gathers the calls that arrive meanwhile into one batch', async () => {
    const batches: Array<{ organisationId: string; items: number[] }> = [];
    const first = gate();
    const batcher = new OrganisationBatches<number, number>(async (organisationId, items) => {
      batches.push({ organisationId, items });
      if (batches.length === 1) await first.opened;
      return items.map((n) => n * 10);
    });

    const lone = batcher.run(ORG_A, 1);
    const gathered = [batcher.run(ORG_A, 2), batcher.run(ORG_A, 3), batcher.run(ORG_A, 4)];
    first.open();

    await expect(lone).resolves.toBe(10);
    await expect(Promise.all(gathered)).resolves.toEqual([20, 30, 40]);
    expect(batches).toEqual([
      { organisationId: ORG_A, items: [1] },
      { organisationId: ORG_A, items: [2, 3, 4] },
    ]);
  });

  it('keeps organisations apart, so one batch never mixes two tenants', async () => {
    const batches: Array<{ organisationId: string; items: string[] }> = [];
    const batcher = new OrganisationBatches<string, string>(async (organisationId, items) => {
      batches.push({ organisationId, items });
      return items.map((item) => `${organisationId}:${item}`);
    });

    const results = await Promise.all([batcher.run(ORG_A, 'a1'), batcher.run(ORG_B, 'b1'), batcher.run(ORG_A, 'a2')]);

    expect(results).toEqual([`${ORG_A}:a1`, `${ORG_B}:b1`, `${ORG_A}:a2`]);
    for (const batch of batches) expect(batch.items.every((item) => item.startsWith(batch.organisationId === ORG_A ? 'a' : 'b'))).toBe(true);
  });

  it('fails every caller of a failed batch and still serves the calls after it', async () => {
    const first = gate();
    let calls = 0;
    const batcher = new OrganisationBatches<number, number>(async (_organisationId, items) => {
      calls += 1;
      if (calls === 1) {
        await first.opened;
        return items;
      }
      if (calls === 2) throw new Error('the database went away');
      return items.map((n) => n + 1);
    });

    const lone = batcher.run(ORG_A, 1);
    const failing = [batcher.run(ORG_A, 2), batcher.run(ORG_A, 3)];
    first.open();
    await expect(lone).resolves.toBe(1);
    await expect(failing[0]).rejects.toThrow('the database went away');
    await expect(failing[1]).rejects.toThrow('the database went away');

    await expect(batcher.run(ORG_A, 7)).resolves.toBe(8);
  });

  it('refuses a batch whose results do not match its items one for one', async () => {
    const batcher = new OrganisationBatches<number, number>(async () => []);
    await expect(batcher.run(ORG_A, 1)).rejects.toThrow('A batch of 1 gave 0 results');
  });
});
