/**
 * A census dataset's counts never change once imported (importing again makes a new version), so
 * the sums over an area's codes can be kept in the process: every analysis after the first skips
 * the small-area aggregation. Keys name the dataset and every code summed, so a locality whose
 * codes change gets a new entry; the oldest entries go first once the cache is full.
 * Callers must treat what they get as read-only.
 */
export class CensusFiguresCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly capacity: number) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserting marks it most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const loading = load();
    this.entries.set(key, loading);
    // A failed load (a rolled-back transaction, say) must not be remembered.
    loading.catch(() => this.entries.get(key) === loading && this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }
}
