import { addDays, daysBetween, ISO_DATE_PATTERN, LOWER_CASE_UUID_PATTERN, todayIn, UUID_PATTERN } from '.';

describe('calendar', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('adds whole days over the clocks changing: a date is a day, not 24 hours of some zone', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-01-01', 13 * 7)).toBe('2026-04-02');
  });

  it('counts days between dates, negative when the second comes first', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-05-10', '2026-05-10')).toBe(0);
  });

  it("gives today's date as a wall calendar in the time zone shows it", () => {
    const at = new Date('2026-06-30T23:30:00Z');
    expect(todayIn('UTC', at)).toBe('2026-06-30');
    expect(todayIn('Europe/London', at)).toBe('2026-07-01');
    expect(todayIn('America/New_York', at)).toBe('2026-06-30');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-01-01T10:00:00Z'))).toBe('2026-01-02');
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-01-01T10:00:00Z'))).toBe('2025-12-31');
  });

  it('knows an ISO date by its shape', () => {
    expect(ISO_DATE_PATTERN.test('2026-05-10')).toBe(true);
    for (const notOne of ['2026-5-10', '10/05/2026', '2026-05-10T00:00:00Z', ' 2026-05-10', '']) expect(ISO_DATE_PATTERN.test(notOne)).toBe(false);
  });

  it('knows a UUID in either case, and the lower-case one the app writes', () => {
    const id = '3f2b8c1e-6a4d-4e8f-9b1a-0c2d3e4f5a6b';
    expect(UUID_PATTERN.test(id)).toBe(true);
    expect(UUID_PATTERN.test(id.toUpperCase())).toBe(true);
    expect(LOWER_CASE_UUID_PATTERN.test(id)).toBe(true);
    expect(LOWER_CASE_UUID_PATTERN.test(id.toUpperCase())).toBe(false);
    for (const notOne of [id.slice(1), `${id}0`, id.replace(/-/g, ''), `x${id.slice(1)}`]) expect(UUID_PATTERN.test(notOne)).toBe(false);
  });
});
