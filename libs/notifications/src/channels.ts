import { OutgoingEmail } from './mailer';

/**
 * A text message as the product composes it. Notify sends texts from a template, so the words go
 * as personalisation: `message` holds the whole text (a template of just `((message))` sends it as
 * written), and the other fields let an organisation write its own template around the facts.
 */
export interface OutgoingText {
  /** The phone number as the person gave it; Notify checks and normalises it. */
  to: string;
  message: string;
  personalisation?: Record<string, string>;
}

/** One message to one person, by whichever channel reaches them. */
export type OutgoingMessage = { channel: 'email'; email: Omit<OutgoingEmail, 'messageId'> } | { channel: 'sms'; text: OutgoingText };

/** What a provider says it accepted: its own id for the message. */
export interface SentMessage {
  providerId: string;
}

export function recipientOf(message: OutgoingMessage): string {
  return message.channel === 'email' ? message.email.to : message.text.to;
}

export function subjectOf(message: OutgoingMessage): string | null {
  return message.channel === 'email' ? message.email.subject : null;
}
