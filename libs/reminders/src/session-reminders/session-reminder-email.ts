import { escapeHtml, OutgoingEmail, OutgoingText } from '@steppingstone/notifications';
import { calendarInvite } from './calendar-invite';
import { formatter } from './zoned-time';

/** What the reminder says, read from the database when the job runs (never carried in the job). */
export interface SessionReminderFacts {
  organisation: { name: string; timeZone: string };
  session: { id: string; startsAt: Date; durationMinutes: number; venue: string | null };
  cohortName: string;
  person: { id: string; name: string; preferredName: string | null; email: string };
}

/** The reminder as plain text and HTML, in British English, with the session as an .ics attachment. */
export function sessionReminderEmail(facts: SessionReminderFacts, writtenAt = new Date()): Omit<OutgoingEmail, 'messageId'> {
  const { organisation, session, cohortName, person } = facts;
  const endsAt = new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
  const day = longDay(session.startsAt, organisation.timeZone);
  const times = `${clockTime(session.startsAt, organisation.timeZone)} to ${clockTime(endsAt, organisation.timeZone)}`;
  const greeting = `Dear ${person.preferredName ?? person.name},`;
  const paragraphs = [
    `This is a reminder that your ${cohortName} session with ${organisation.name} is tomorrow, ${day}, from ${times}.`,
    session.venue ? `It is at ${session.venue}.` : `We'll let you know where it is being held.`,
    `The session is attached as a calendar invitation, so you can add it to your calendar.`,
    `If you can't come, please let us know by replying to this email. We look forward to seeing you.`,
  ];
  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), organisation.name].join('\n');
  const html = [`<p>${escapeHtml(greeting)}</p>`, ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`), `<p>${escapeHtml(organisation.name)}</p>`].join('');
  const ics = calendarInvite({
    uid: `session-${session.id}-person-${person.id}@steppingstone`,
    startsAt: session.startsAt,
    durationMinutes: session.durationMinutes,
    timeZone: organisation.timeZone,
    summary: `${cohortName} (${organisation.name})`,
    description: `Your ${cohortName} session with ${organisation.name}.`,
    location: session.venue,
    organiser: organisation.name,
    writtenAt,
  });
  return {
    to: person.email,
    subject: `Reminder: your session tomorrow, ${day} at ${clockTime(session.startsAt, organisation.timeZone)}`,
    text,
    html,
    attachments: [{ filename: 'session.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
  };
}

/** The same reminder as a text: the day, time and place, short enough for one or two messages. */
export function sessionReminderText(facts: Omit<SessionReminderFacts, 'person'> & { person: SessionReminderFacts['person']; phone: string }): OutgoingText {
  const { organisation, session, cohortName, person } = facts;
  const day = longDay(session.startsAt, organisation.timeZone);
  const time = clockTime(session.startsAt, organisation.timeZone);
  const where = session.venue ? ` at ${session.venue}` : '';
  const name = person.preferredName ?? person.name;
  return {
    to: facts.phone,
    message: `Hi ${name}, a reminder that your ${cohortName} session is tomorrow, ${day}, at ${time}${where}. If you can't come, please let us know. ${organisation.name}`,
    personalisation: { name, cohort: cohortName, day, time, venue: session.venue ?? '', organisation: organisation.name },
  };
}

/** "Thursday 26 November 2026" in the organisation's time zone. */
function longDay(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone, 'long-day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "18:00": the 24-hour clock, as British public services write times. */
function clockTime(instant: Date, timeZone: string): string {
  return formatter(timeZone, 'clock-time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
