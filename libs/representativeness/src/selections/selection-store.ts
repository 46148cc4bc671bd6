import { EntityManager } from 'typeorm';
import { NamedParams, queryNamed } from '@steppingstone/core';
import { userNameSql } from '@steppingstone/organisations';
import { QuotaAtRisk } from '../engine/selection/alternates';
import { BindingQuota, Quota, SelectionAlgorithm } from '../engine/selection/types';
import type { DropOutHistory } from './dropout-history';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { SelectionInputs, SelectionLottery, SettledRequest } from './selection-problem';

export type SelectionStatus = 'queued' | 'running' | 'done' | 'failed';
export type SelectionStage = 'loading' | 'solving' | 'storing';

/** A selection as stored and shown. The outcome fields are null until it is done. */
export interface StoredSelection {
  id: string;
  intakeId: string;
  createdAt: Date;
  /** queued and running only on large pools, which the worker selects from; done or failed for good. */
  status: SelectionStatus;
  /** While running: loading the pool, solving, or storing the outcome. */
  stage: SelectionStage | null;
  attempts: number;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Why it failed: the same code, message and details the API answers a selection it refuses at once. */
  error: Record<string, unknown> | null;
  panelSize: number;
  poolSize: number;
  algorithm: SelectionAlgorithm;
  seed: string;
  inputs: SelectionInputs | null;
  quotaTable: Array<Quota & { selected: number }> | null;
  /** Application ids of the drawn panel. */
  panel: string[] | null;
  probabilities: Array<{ id: string; probability: number }> | null;
  minimumProbability: number | null;
  equalChance: number | null;
  lottery: SelectionLottery | null;
  /** lottery: a ticket was drawn; exact: the panel was drawn straight from the exact distribution. */
  draw: 'lottery' | 'exact' | null;
  /** The smallest chance in the exact (optimal) distribution. */
  exactMinimumProbability: number | null;
  /** The smallest chance under the draw used: the lottery's tickets, or the exact distribution itself. */
  lotteryMinimumProbability: number | null;
  /** Alternates in the order they are offered, sized from the organisation's drop-out history; null for selections stored before alternates were kept. */
  alternates: StoredAlternates | null;
  appliedAt: Date | null;
  /** Who ran it (the user), and their name while they are still a member (users' row security hides former members). */
  createdBy: string | null;
  createdByName: string | null;
}

export interface StoredAlternates {
  alternates: Array<{ applicationId: string; personId: string; canReplace: string[]; dropOutRisk: number }>;
  /** Sum of the panel members' drop-out risks. */
  expectedDropOuts: number;
  /** Expected departures plus two standard deviations, rounded up. */
  recommendedSize: number;
  /** Quotas at their minimum on the panel whose members are expected to lose someone, and how many listed alternates share the answer. */
  atRisk: QuotaAtRisk[];
  /** The history the risks came from. */
  dropOutHistory: DropOutHistory;
}

export const SELECTION_COLUMNS = `id, intake_id AS "intakeId", created_at AS "createdAt", status, stage, attempts, started_at AS "startedAt", completed_at AS "completedAt", error,
  panel_size AS "panelSize", pool_size AS "poolSize", algorithm, seed, inputs,
  quota_table AS "quotaTable", panel, probabilities, minimum_probability AS "minimumProbability", equal_chance AS "equalChance", lottery, draw,
  exact_minimum_probability AS "exactMinimumProbability", lottery_minimum_probability AS "lotteryMinimumProbability", alternates, applied_at AS "appliedAt",
  created_by AS "createdBy", ${userNameSql('selections.created_by')} AS "createdByName"`;

/** The columns `outcomeValues` fills, in its order. */
export const OUTCOME_COLUMNS = [
  'inputs',
  'quota_table',
  'panel',
  'probabilities',
  'minimum_probability',
  'equal_chance',
  'lottery',
  'draw',
  'exact_minimum_probability',
  'lottery_minimum_probability',
  'explanations',
  'alternates',
];

/** Why one applicant's chance is what it is. */
export interface StoredExplanation {
  applicationId: string;
  personId: string;
  /** The chance under the draw used. */
  probability: number;
  /** The chance in the exact distribution. */
  exactProbability: number;
  /** The quotas on this applicant's answers that sit at the same bound in every panel the draw could give. */
  binding: BindingQuota[];
}

export async function findExplanations(
  manager: EntityManager,
  organisationId: string,
  id: string,
): Promise<{ selectionId: string; status: SelectionStatus; explanations: StoredExplanation[] | null }> {
  const [row] = await manager.query(`SELECT id AS "selectionId", status, explanations FROM selections WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  if (!row) throw new RepresentativenessError(Code.SelectionNotFound, 'Selection not found');
  return row;
}

export async function findSelection(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<StoredSelection> {
  const [row] = await manager.query(`SELECT ${SELECTION_COLUMNS} FROM selections WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [organisationId, id]);
  if (!row) throw new RepresentativenessError(Code.SelectionNotFound, 'Selection not found');
  return row;
}

interface NewSelection {
  organisationId: string;
  id: string;
  intakeId: string;
  createdBy: string | null;
  request: SettledRequest;
  poolSize: number;
}

const OUTCOME_PLACEHOLDERS = OUTCOME_COLUMNS.map((c) => `:${c}`).join(', ');

/** `outcomeValues(...)` named by the columns they go to. */
function outcomeParams(outcome: unknown[]): NamedParams {
  return Object.fromEntries(OUTCOME_COLUMNS.map((column, i) => [column, outcome[i]]));
}

/** A selection answered at once: written whole, done. `outcome` is `outcomeValues(...)`. */
export async function insertDoneSelection(manager: EntityManager, selection: NewSelection, outcome: unknown[]): Promise<void> {
  const { organisationId, id, intakeId, createdBy, request, poolSize } = selection;
  await queryNamed(
    manager,
    `INSERT INTO selections (organisation_id, id, intake_id, created_by, panel_size, pool_size, algorithm, seed, status, started_at, completed_at, ${OUTCOME_COLUMNS.join(', ')})
     VALUES (:organisationId, :id, :intakeId, :createdBy, :panelSize, :poolSize, :algorithm, :seed, 'done', now(), now(), ${OUTCOME_PLACEHOLDERS})`,
    { organisationId, id, intakeId, createdBy, panelSize: request.panelSize, poolSize, algorithm: request.algorithm, seed: request.seed, ...outcomeParams(outcome) },
  );
}

/** A selection for the worker: the request it will run, and nothing else yet. */
export async function insertQueuedSelection(manager: EntityManager, selection: NewSelection): Promise<void> {
  const { organisationId, id, intakeId, createdBy, request, poolSize } = selection;
  await manager.query(
    `INSERT INTO selections (organisation_id, id, intake_id, created_by, panel_size, pool_size, algorithm, seed, status, request)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9)`,
    [organisationId, id, intakeId, createdBy, request.panelSize, poolSize, request.algorithm, request.seed, request],
  );
}

export async function storeOutcome(manager: EntityManager, organisationId: string, id: string, poolSize: number, outcome: unknown[]): Promise<void> {
  await queryNamed(
    manager,
    `UPDATE selections SET status = 'done', stage = NULL, error = NULL, completed_at = now(), updated_at = now(), pool_size = :poolSize,
            ${OUTCOME_COLUMNS.map((c) => `${c} = :${c}`).join(', ')}
      WHERE organisation_id = :organisationId AND id = :id`,
    { organisationId, id, poolSize, ...outcomeParams(outcome) },
  );
}

export async function markStage(manager: EntityManager, organisationId: string, id: string, stage: SelectionStage): Promise<void> {
  await manager.query(`UPDATE selections SET stage = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, id, stage]);
}

export async function markFailed(manager: EntityManager, organisationId: string, id: string, error: Record<string, unknown>): Promise<void> {
  await manager.query(`UPDATE selections SET status = 'failed', stage = NULL, error = $3, completed_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2 AND status <> 'done'`, [
    organisationId,
    id,
    error,
  ]);
}

/** Queued again, with the error of the attempt that failed, until BullMQ's retry picks it up. */
export async function markRetrying(manager: EntityManager, organisationId: string, id: string, error: Record<string, unknown>): Promise<void> {
  await manager.query(`UPDATE selections SET status = 'queued', stage = NULL, error = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2 AND status = 'running'`, [
    organisationId,
    id,
    error,
  ]);
}
