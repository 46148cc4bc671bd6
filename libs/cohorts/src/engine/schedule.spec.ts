import { planSchedule, ScheduleRequest } from './schedule';

const base: ScheduleRequest = { firstDate: '2026-03-02', weekday: 3, sessions: 12, startTime: '18:00', durationMinutes: 120, venue: 'Hall', exceptions: [] };

describe('planSchedule', () => {
  it('places twelve weekly sessions on the first chosen weekday on or after the first date', () => {
    const plan = planSchedule(base);
    expect(plan.problems).toEqual([]);
    expect(plan.sessions).toHaveLength(12);
    expect(plan.sessions[0]).toEqual({ localDate: '2026-03-04', localTime: '18:00', durationMinutes: 120, venue: 'Hall', status: 'scheduled', note: null });
    expect(plan.sessions[11].localDate).toBe('2026-05-20');
  });

  it('pushes the course on a week for a skipped date and keeps a cancelled one visible', () => {
    const plan = planSchedule({
      ...base,
      exceptions: [
        { date: '2026-04-01', action: 'skip' },
        { date: '2026-04-08', action: 'cancel', note: 'Venue flooded' },
        { date: '2026-04-15', action: 'move', toDate: '2026-04-16', toTime: '10:00' },
      ],
    });
    expect(plan.problems).toEqual([]);
    const held = plan.sessions.filter((s) => s.status === 'scheduled');
    expect(held).toHaveLength(12);
    expect(plan.sessions.map((s) => s.localDate)).not.toContain('2026-04-01');
    expect(plan.sessions.find((s) => s.localDate === '2026-04-08')).toMatchObject({ status: 'cancelled', note: 'Venue flooded' });
    expect(plan.sessions.find((s) => s.localDate === '2026-04-16')).toMatchObject({ localTime: '10:00', status: 'scheduled' });
    expect(plan.sessions[plan.sessions.length - 1].localDate).toBe('2026-06-03');
  });

  it('refuses an exception on a date the weekly pattern never reaches, naming it', () => {
    const plan = planSchedule({ ...base, exceptions: [{ date: '2026-04-02', action: 'skip' }] });
    expect(plan.sessions).toEqual([]);
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'exceptions.0.date', rule: 'onSchedule' })]);
  });

  it('refuses a move without a new date and time', () => {
    const plan = planSchedule({ ...base, exceptions: [{ date: '2026-03-04', action: 'move' }] });
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'exceptions.0.toDate' })]);
  });
});
