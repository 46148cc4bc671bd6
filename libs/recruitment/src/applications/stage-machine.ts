import { ApplicationStage } from '../entities/application.entity';

/**
 * Where an application may go from each stage. The taster day is optional, so screened leads
 * straight to offered too. Enrolled, declined and withdrawn are ends: a drop-out after enrolment is
 * a cohort withdrawal, not a recruitment stage.
 */
export const NEXT_STAGES: Record<ApplicationStage, readonly ApplicationStage[]> = {
  applied: ['screened', 'waitlisted', 'declined', 'withdrawn'],
  screened: ['taster', 'offered', 'waitlisted', 'declined', 'withdrawn'],
  taster: ['offered', 'waitlisted', 'declined', 'withdrawn'],
  offered: ['accepted', 'waitlisted', 'declined', 'withdrawn'],
  accepted: ['enrolled', 'withdrawn'],
  enrolled: [],
  waitlisted: ['screened', 'offered', 'declined', 'withdrawn'],
  declined: [],
  withdrawn: [],
};

export function canMove(from: ApplicationStage, to: ApplicationStage): boolean {
  return NEXT_STAGES[from].includes(to);
}
