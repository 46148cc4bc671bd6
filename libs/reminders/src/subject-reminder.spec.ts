import { parseWeekSubject, recipientId, subjectReminderJobId, subjectReminderKey, weekSubject } from './subject-reminder';

const PLACEMENT = '6f1c0c5e-0000-4000-8000-000000000001';
const USER = '6f1c0c5e-0000-4000-8000-000000000002';

describe('reminder keys', () => {
  it('are kind, subject, due date and recipient, with a job id BullMQ accepts', () => {
    const job = { subjectId: PLACEMENT, dueOn: '2026-11-25', recipient: `user:${USER}` as const };
    expect(subjectReminderKey('supervision-due', job)).toBe(`supervision-due:${PLACEMENT}:2026-11-25:user:${USER}`);
    expect(subjectReminderJobId('supervision-due', job)).toBe(`supervision-due.${PLACEMENT}.2026-11-25.user.${USER}`);
    expect(subjectReminderJobId('supervision-due', job)).not.toContain(':');
  });

  it('differ by due date, so each supervision (a new next date) gets its own reminder', () => {
    const key = (dueOn: string) => subjectReminderKey('supervision-due', { subjectId: PLACEMENT, dueOn, recipient: 'supervisor' });
    expect(key('2026-11-25')).not.toBe(key('2026-12-09'));
  });

  it('name a review point or a sustainment check as the subject and read it back', () => {
    expect(weekSubject(PLACEMENT, 6)).toBe(`${PLACEMENT}.week-6`);
    expect(parseWeekSubject(weekSubject(PLACEMENT, 26))).toEqual({ id: PLACEMENT, week: 26 });
    expect(parseWeekSubject(PLACEMENT)).toBeUndefined();
    expect(parseWeekSubject(`x.week-6`)).toBeUndefined();
  });

  it('read the recipient back as a member, a person or the supervisor', () => {
    expect(recipientId(`user:${USER}`)).toEqual({ kind: 'user', id: USER });
    expect(recipientId(`person:${USER}`)).toEqual({ kind: 'person', id: USER });
    expect(recipientId('supervisor')).toEqual({ kind: 'supervisor' });
  });
});
