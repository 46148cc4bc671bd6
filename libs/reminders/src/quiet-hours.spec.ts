import { earliestSend, localInstant, sendDelay } from './quiet-hours';

describe('reminders are not sent before 08:00 in the organisation time zone', () => {
  it('sends at once in the daytime on the day it falls due', () => {
    const at = new Date('2026-11-25T10:30:00Z');
    expect(earliestSend(at, '2026-11-25', 'Europe/London')).toEqual(at);
    expect(sendDelay(at, '2026-11-25', 'Europe/London', at.getTime())).toBe(0);
  });

  it('holds a reminder found at night until 08:00 that morning, in winter and in summer', () => {
    expect(earliestSend(new Date('2026-11-25T00:15:00Z'), '2026-11-25', 'Europe/London')).toEqual(new Date('2026-11-25T08:00:00Z'));
    // 02:30 BST is 01:30 UTC; 08:00 BST is 07:00 UTC.
    expect(earliestSend(new Date('2026-07-15T01:30:00Z'), '2026-07-15', 'Europe/London')).toEqual(new Date('2026-07-15T07:00:00Z'));
    expect(sendDelay(new Date('2026-11-25T07:00:00Z'), '2026-11-25', 'Europe/London', Date.parse('2026-11-25T07:00:00Z'))).toBe(3_600_000);
  });

  it('holds a reminder caught up in the small hours after its due day, rather than dropping it', () => {
    expect(earliestSend(new Date('2026-11-27T03:00:00Z'), '2026-11-25', 'Europe/London')).toEqual(new Date('2026-11-27T08:00:00Z'));
  });

  it('uses the organisation clock, not UTC: 23:30 UTC is already the next morning in Sydney', () => {
    // 23:30 UTC on 24 Nov is 10:30 AEDT on 25 Nov.
    const at = new Date('2026-11-24T23:30:00Z');
    expect(earliestSend(at, '2026-11-25', 'Australia/Sydney')).toEqual(at);
    // 05:00 UTC is 00:00 in New York (EST): held until 08:00 EST, 13:00 UTC.
    expect(earliestSend(new Date('2026-11-25T05:00:00Z'), '2026-11-25', 'America/New_York')).toEqual(new Date('2026-11-25T13:00:00Z'));
  });

  it('finds 08:00 local on the days the clocks change', () => {
    expect(localInstant('2026-03-29', 8, 'Europe/London')).toEqual(new Date('2026-03-29T07:00:00Z'));
    expect(localInstant('2026-10-25', 8, 'Europe/London')).toEqual(new Date('2026-10-25T08:00:00Z'));
  });
});
