import { Intake } from '../entities/intake.entity';
import { Programme } from '../entities/programme.entity';

/** What the public form shows about an intake, and nothing more. */
export interface PublicIntake {
  organisation: { name: string };
  programme: { name: string; description: string };
  intake: { name: string; opensOn: string; closesOn: string };
  /** Whether applications are being taken now. */
  open: boolean;
  /** Why not, in a sentence for the applicant; null while open. */
  notice: string | null;
}

/** The sentence the applicant ticks; stored word for word as the evidence of their consent. */
export const CONTACT_CONSENT_WORDING = 'I agree to be contacted about my application';

/** A date held as `YYYY-MM-DD` (a calendar day, not an instant), written out in British English. */
export function longDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** An instant as a person in `timeZone` reads it: "Wednesday 25 November 2026 at 10:08" (no comma, 24-hour clock). */
export function longDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(
    instant,
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
}

export function intakeTitle(programme: Pick<Programme, 'name'>, intake: Pick<Intake, 'name'>): string {
  return `${programme.name} (${intake.name})`;
}

/** The status decides, not the dates: a coordinator may keep an intake open past its window, or close it early. */
export function notOpenNotice(programme: Pick<Programme, 'name'>, intake: Pick<Intake, 'name' | 'status' | 'opensOn' | 'closesOn'>): string | null {
  const title = intakeTitle(programme, intake);
  switch (intake.status) {
    case 'open':
      return null;
    case 'draft':
      return `Applications for ${title} are not open yet.`;
    case 'closed':
      return `Applications for ${title} closed on ${longDate(intake.closesOn)}.`;
    case 'archived':
      return `Applications for ${title} closed on ${longDate(intake.closesOn)}, and this intake has finished.`;
  }
}

export function publicIntake(organisationName: string, programme: Pick<Programme, 'name' | 'description'>, intake: Pick<Intake, 'name' | 'status' | 'opensOn' | 'closesOn'>): PublicIntake {
  const notice = notOpenNotice(programme, intake);
  return {
    organisation: { name: organisationName },
    programme: { name: programme.name, description: programme.description },
    intake: { name: intake.name, opensOn: intake.opensOn, closesOn: intake.closesOn },
    open: notice === null,
    notice,
  };
}
