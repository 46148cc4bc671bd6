/** Job names on the Selections queue, and the data they carry: ids only. */
export const RUN_SELECTION = 'run-selection';
export const RECONCILE_SELECTIONS = 'reconcile-selections';

export interface RunSelectionJob {
  organisationId: string;
  selectionId: string;
}

/** One job per selection, so staging, relaying and reconciling it any number of times adds one job. */
export const runSelectionJobId = (selectionId: string) => `selection-${selectionId}`;
