/*
 * Panels dropped from the distribution LP, kept to be offered back. Column generation drops panels
 * that have been idle a while so the LP stays quick, but near an optimum the duals swing back and
 * forth and want the same panels again: without this pool they were dropped and found again round
 * after round, and LEXIMIN's relaxation at pool 2,000 did not converge in 1,500 rounds; with it,
 * about 90. Checking a stored panel against new duals costs one sparse dot product.
 */

interface PooledPanel {
  counts: Int32Array;
  /** The types on the panel, and how many of each: the panel's non-zero counts. */
  types: Int32Array;
  times: Int32Array;
}

export class PanelPool {
  private panels: PooledPanel[] = [];

  add(counts: Int32Array): void {
    const types: number[] = [];
    for (let t = 0; t < counts.length; t++) if (counts[t]) types.push(t);
    this.panels.push({ counts, types: Int32Array.from(types), times: Int32Array.from(types, (t) => counts[t]) });
  }

  /** Takes out (in the order they were dropped) the panels worth more than `above` at `weights`. */
  takeAbove(weights: ArrayLike<number>, above: number): Int32Array[] {
    const taken: Int32Array[] = [];
    const kept: PooledPanel[] = [];
    for (const panel of this.panels) {
      let value = 0;
      for (let i = 0; i < panel.types.length; i++) value += panel.times[i] * weights[panel.types[i]];
      if (value > above) taken.push(panel.counts);
      else kept.push(panel);
    }
    this.panels = kept;
    return taken;
  }
}
