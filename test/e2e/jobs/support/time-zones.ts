/** Zones about an hour apart round the world: whenever a test runs, one is in the small hours and another in the daytime. */
const ZONES = [
  'Pacific/Kiritimati',
  'Pacific/Auckland',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Bangkok',
  'Asia/Dhaka',
  'Asia/Karachi',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Athens',
  'Europe/Paris',
  'Europe/London',
  'Atlantic/Cape_Verde',
  'America/Noronha',
  'America/Sao_Paulo',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Pacific/Pago_Pago',
];

/**
 * A zone whose clock now shows an hour from `from` to `to`: 09–20 for an organisation whose
 * reminders go at once, 01–06 for one whose reminders must wait for 08:00.
 */
export function zoneAt(from: number, to: number): string {
  const hour = (zone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const zone = ZONES.find((z) => hour(z) >= from && hour(z) <= to);
  if (!zone) throw new Error(`no zone between ${from}:00 and ${to}:59: the list of zones has a gap`);
  return zone;
}
