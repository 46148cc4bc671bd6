interface Waiting<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

interface OrganisationQueue<In, Out> {
  waiting: Array<Waiting<In, Out>>;
  running: boolean;
}

/**
 * Does the same small piece of database work for many concurrent callers in one transaction, per
 * organisation (group commit). A worker sending a batch of reminders runs dozens of jobs at once,
 * and each paying its own transaction made commits and round trips, not the mail server, the
 * limit. While one batch of an organisation is in the database, the calls that arrive wait and
 * go together in the next; a lone call runs at once. Each caller gets its own result, and only
 * after the batch's transaction has committed; if the batch fails, every caller in it fails.
 */
export class OrganisationBatches<In, Out> {
  private readonly organisations = new Map<string, OrganisationQueue<In, Out>>();

  /** `work` returns one result per item, in the items' order. */
  constructor(private readonly work: (organisationId: string, items: In[]) => Promise<Out[]>) {}

  run(organisationId: string, item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      let queue = this.organisations.get(organisationId);
      if (!queue) {
        queue = { waiting: [], running: false };
        this.organisations.set(organisationId, queue);
      }
      queue.waiting.push({ item, resolve, reject });
      if (!queue.running) void this.drain(organisationId, queue);
    });
  }

  private async drain(organisationId: string, queue: OrganisationQueue<In, Out>): Promise<void> {
    queue.running = true;
    while (queue.waiting.length) {
      const batch = queue.waiting.splice(0, queue.waiting.length);
      try {
        const results = await this.work(
          organisationId,
          batch.map((w) => w.item),
        );
        if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} gave ${results.length} results`);
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    queue.running = false;
    this.organisations.delete(organisationId);
  }
}
