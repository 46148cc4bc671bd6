import { IntakeStatus } from '../entities/intake.entity';

/** An intake opens, closes (and may reopen while recruitment is still needed), then is archived. */
export const NEXT_INTAKE_STATUSES: Record<IntakeStatus, readonly IntakeStatus[]> = {
  draft: ['open', 'archived'],
  open: ['closed'],
  closed: ['open', 'archived'],
  archived: [],
};
