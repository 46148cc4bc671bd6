import { escapeHtml, EmailDelivery, OutgoingEmail } from '@steppingstone/notifications';
import { ReminderOutcome } from './reminder-kind';
import { Addressee } from './recipients';

/** What a reminder says, before it is written out as plain text and HTML. */
export interface ReminderMessage {
  subject: string;
  paragraphs: string[];
  /** Shown as a list after the paragraphs (e.g. the groups that aren't there yet). */
  list?: string[];
  /** After the list. */
  closing?: string[];
  /** The words of a text message, when the reminder may go as one (short: a text is read on a phone). */
  text?: string;
  /** Facts a Notify template may use beside `message` (see README). */
  personalisation?: Record<string, string>;
}

/** Plain text and HTML in the same words, greeting the reader by name and signed with the organisation's name. */
export function reminderEmail(to: string, greetingName: string, organisationName: string, message: ReminderMessage): Omit<OutgoingEmail, 'messageId'> {
  const greeting = `Dear ${greetingName},`;
  const list = message.list ?? [];
  const closing = message.closing ?? [];
  const text = [
    greeting,
    '',
    ...message.paragraphs.flatMap((p) => [p, '']),
    ...(list.length ? [...list.map((item) => `- ${item}`), ''] : []),
    ...closing.flatMap((p) => [p, '']),
    organisationName,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...message.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    list.length ? `<ul>${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '',
    ...closing.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>${escapeHtml(organisationName)}</p>`,
  ].join('');
  return { to, subject: message.subject, text, html };
}

/**
 * The reminder for one addressee: by email when they have an address and want email, else as a
 * text when they prefer texts, have a number and the organisation can send them, otherwise
 * recorded as skipped with the reason; undefined when there is nobody to address any more.
 */
export function reminderFor(
  addressee: Addressee | undefined,
  delivery: Pick<EmailDelivery, 'key' | 'template'>,
  fallbackRecipient: string,
  organisationName: string,
  message: ReminderMessage,
): ReminderOutcome | undefined {
  if (!addressee) return undefined;
  if (!addressee.email || !addressee.wantsEmail) {
    if (addressee.textTo) {
      const text = `${message.text ?? `${message.subject}. ${message.paragraphs[0] ?? ''}`} ${organisationName}`.trim();
      return {
        action: 'send',
        delivery: { ...delivery, text: { to: addressee.textTo, message: text, personalisation: { name: addressee.name, organisation: organisationName, ...message.personalisation } } },
      };
    }
    const reason = addressee.noTextReason ?? (!addressee.email ? 'no email address on record' : 'does not want to be contacted by email');
    return {
      action: 'skip',
      skipped: { ...delivery, ...(addressee.noTextReason ? { channel: 'sms' as const } : {}), recipient: addressee.email ?? fallbackRecipient, subject: message.subject, reason },
    };
  }
  return { action: 'send', delivery: { ...delivery, email: reminderEmail(addressee.email, addressee.name, organisationName, message) } };
}

/** "Thursday 26 November 2026" for a calendar date (no time zone enters a date without a time). */
export function longDate(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const parts = LONG_DATE.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "in 2 days", "tomorrow", "today". */
export function inDays(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}
