import { Schema, Selection } from '../../types';

/**
 * The same selection asked for again: its stored quotas (census and hand-set, already worked out,
 * so a newer census import changes nothing), reference date, draw, household rule, algorithm and
 * seed. Only the pool is read afresh, which is what the comparison shows.
 */
export function rerunRequest(run: Selection): Schema<'SelectionDto'> {
  const inputs = run.inputs!;
  const draw = inputs.draw ?? run.draw ?? 'lottery';
  return {
    panelSize: run.panelSize,
    dimensions: [],
    quotas: inputs.quotas.map(({ category, feature, min, max }) => ({ category, feature, min, max })),
    localitySizes: {},
    tolerance: inputs.tolerance,
    referenceDate: inputs.referenceDate,
    algorithm: run.algorithm,
    seed: run.seed,
    draw,
    ...(draw === 'lottery' && inputs.tickets ? { tickets: inputs.tickets } : {}),
    onePerHousehold: inputs.onePerHousehold === true,
  };
}

export interface Comparison {
  original: Selection;
  rerun: Selection;
  same: boolean;
  /** People on one panel and not the other. */
  differing: number;
}

export function compare(original: Selection, rerun: Selection): Comparison {
  const first = new Set(original.panel ?? []);
  const second = new Set(rerun.panel ?? []);
  const onlyFirst = [...first].filter((id) => !second.has(id)).length;
  const onlySecond = [...second].filter((id) => !first.has(id)).length;
  return { original, rerun, same: rerun.status === 'done' && onlyFirst === 0 && onlySecond === 0, differing: Math.max(onlyFirst, onlySecond) };
}

export function drawWords(run: Selection): string {
  if (run.draw === 'exact') return 'exact draw';
  const tickets = run.inputs?.tickets ?? run.lottery?.lotterySize;
  return tickets ? `lottery of ${tickets.toLocaleString('en-GB')} tickets` : 'lottery';
}
