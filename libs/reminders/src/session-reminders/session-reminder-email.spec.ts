import { sessionReminderKey, sessionReminderJobId } from './session-reminder';
import { sessionReminderEmail, SessionReminderFacts } from './session-reminder-email';

const facts = (overrides: Partial<SessionReminderFacts> = {}): SessionReminderFacts => ({
  organisation: { name: 'Hackney Peer Network', timeZone: 'Europe/London' },
  session: { id: '6f1c0c5e-0000-4000-8000-000000000001', startsAt: new Date('2026-07-15T17:00:00Z'), durationMinutes: 120, venue: 'Community Centre, 1 Mare Street' },
  cohortName: 'Peer Mentor training, cohort 1',
  person: { id: '6f1c0c5e-0000-4000-8000-000000000002', name: 'Samira Taylor', preferredName: 'Sam', email: 'sam@example.org' },
  ...overrides,
});

/** Unfolds an iCalendar file into its content lines. */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);

describe('the session-tomorrow reminder email', () => {
  it('gives the date and times in the organisation time zone, in British English, with the venue', () => {
    const email = sessionReminderEmail(facts());
    expect(email.to).toBe('sam@example.org');
    expect(email.subject).toBe('Reminder: your session tomorrow, Wednesday 15 July 2026 at 18:00');
    expect(email.text).toContain('Dear Sam,');
    expect(email.text).toContain('your Peer Mentor training, cohort 1 session with Hackney Peer Network is tomorrow, Wednesday 15 July 2026, from 18:00 to 20:00.');
    expect(email.text).toContain('It is at Community Centre, 1 Mare Street.');
    expect(email.html).toContain('<p>Dear Sam,</p>');
  });

  it('escapes what people typed when writing HTML', () => {
    const email = sessionReminderEmail(facts({ person: { ...facts().person, preferredName: '<b>Sam</b>' } }));
    expect(email.html).toContain('&lt;b&gt;Sam&lt;/b&gt;');
    expect(email.html).not.toContain('<b>');
  });

  it('attaches an invite with the wall-clock times in the organisation zone, in summer and winter', () => {
    const summer = lines(sessionReminderEmail(facts()).attachments![0].content);
    expect(summer).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        'DTSTART;TZID=Europe/London:20260715T180000',
        'DTEND;TZID=Europe/London:20260715T200000',
        'TZOFFSETTO:+0100',
        'LOCATION:Community Centre\\, 1 Mare Street',
      ]),
    );
    const winter = lines(sessionReminderEmail(facts({ session: { ...facts().session, startsAt: new Date('2026-12-02T18:30:00Z') } })).attachments![0].content);
    expect(winter).toContain('DTSTART;TZID=Europe/London:20261202T183000');
    const newYork = lines(sessionReminderEmail(facts({ organisation: { name: 'Bronx Peers', timeZone: 'America/New_York' } })).attachments![0].content);
    expect(newYork).toEqual(expect.arrayContaining(['DTSTART;TZID=America/New_York:20260715T130000', 'TZOFFSETTO:-0400']));
  });

  it('keeps the invite UID stable per session and person, so calendars update rather than duplicate', () => {
    const uid = (f: SessionReminderFacts) => lines(sessionReminderEmail(f).attachments![0].content).find((l) => l.startsWith('UID:'));
    expect(uid(facts())).toBe(uid(facts({ session: { ...facts().session, startsAt: new Date('2026-07-16T17:00:00Z') } })));
    expect(uid(facts())).not.toBe(uid(facts({ person: { ...facts().person, id: '6f1c0c5e-0000-4000-8000-000000000003' } })));
  });

  it('has a natural key of kind, session, due date and person, and a job id BullMQ accepts', () => {
    const ids = { sessionId: 's1', dueOn: '2026-07-14', personId: 'p1' };
    expect(sessionReminderKey(ids)).toBe('session-tomorrow:s1:2026-07-14:p1');
    expect(sessionReminderJobId(ids)).toBe('session-tomorrow.s1.2026-07-14.p1');
  });
});
