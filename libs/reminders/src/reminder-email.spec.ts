import { inDays, longDate, reminderEmail, reminderFor } from './reminder-email';

const delivery = { key: 'supervision-due:p1:2026-11-25:person:x1', template: 'supervision-due' };
const message = { subject: 'Your supervision is due on Friday 27 November 2026', paragraphs: ['Your next supervision is due in 2 days.'] };

describe('reminder emails', () => {
  it('write the same words as plain text and HTML, greeting by name and signed with the organisation', () => {
    const email = reminderEmail('dev@example.org', 'Dev', 'Halifax Peer Mentors', { ...message, list: ['Sex: Male'], closing: ['Thank you.'] });
    expect(email).toMatchObject({ to: 'dev@example.org', subject: message.subject });
    expect(email.text).toBe(['Dear Dev,', '', 'Your next supervision is due in 2 days.', '', '- Sex: Male', '', 'Thank you.', '', 'Halifax Peer Mentors'].join('\n'));
    expect(email.html).toBe('<p>Dear Dev,</p><p>Your next supervision is due in 2 days.</p><ul><li>Sex: Male</li></ul><p>Thank you.</p><p>Halifax Peer Mentors</p>');
  });

  it('escapes what people typed when writing HTML', () => {
    const email = reminderEmail('a@example.org', '<script>', 'O’Brien & Daughters', message);
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('O’Brien &amp; Daughters');
    expect(email.text).toContain('Dear <script>,');
  });

  it('is sent to someone with an address who wants email', () => {
    const outcome = reminderFor({ name: 'Dev', email: 'dev@example.org', wantsEmail: true }, delivery, 'person:x1', 'Halifax Peer Mentors', message);
    expect(outcome).toMatchObject({ action: 'send', delivery: { ...delivery, email: { to: 'dev@example.org', subject: message.subject } } });
  });

  it('is recorded as skipped, with the reason, for someone who opted out of email or has no address', () => {
    expect(reminderFor({ name: 'Pat', email: 'pat@example.org', wantsEmail: false }, delivery, 'person:x1', 'Org', message)).toEqual({
      action: 'skip',
      skipped: { ...delivery, recipient: 'pat@example.org', subject: message.subject, reason: 'does not want to be contacted by email' },
    });
    expect(reminderFor({ name: 'Pat', email: null, wantsEmail: true }, delivery, 'person:x1', 'Org', message)).toEqual({
      action: 'skip',
      skipped: { ...delivery, recipient: 'person:x1', subject: message.subject, reason: 'no email address on record' },
    });
  });

  it('is not due any more when the addressee is gone (a member removed, a person erased)', () => {
    expect(reminderFor(undefined, delivery, 'user:u1', 'Org', message)).toBeUndefined();
  });

  it('writes dates and distances the British way', () => {
    expect(longDate('2026-11-27')).toBe('Friday 27 November 2026');
    expect(longDate('2027-01-01')).toBe('Friday 1 January 2027');
    expect([inDays(0), inDays(1), inDays(3)]).toEqual(['today', 'tomorrow', 'in 3 days']);
  });
});
