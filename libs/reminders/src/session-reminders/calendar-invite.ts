import ical, { ICalCalendarMethod } from 'ical-generator';
import { formatter, offsetMinutes, wallClock } from './zoned-time';

export interface CalendarInvite {
  /** Stable per session and person, so a second invite updates the calendar entry rather than adding one. */
  uid: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  summary: string;
  description: string;
  location: string | null;
  organiser: string;
  writtenAt: Date;
}

/** An iCalendar file (text) for one session, with its times in the organisation's time zone. */
export function calendarInvite(invite: CalendarInvite): string {
  const calendar = ical({ prodId: { company: 'Steppingstone', product: 'Session reminders', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, name: invite.organiser });
  calendar.timezone({ name: null, generator: (timeZone) => vtimezone(timeZone, invite.startsAt) });
  const endsAt = new Date(invite.startsAt.getTime() + invite.durationMinutes * 60_000);
  calendar.createEvent({
    id: invite.uid,
    start: new ZonedDate(invite.startsAt),
    end: new ZonedDate(endsAt),
    timezone: invite.timeZone,
    // When it was written: with the stable UID, a calendar keeps the latest (e.g. after a session moved).
    stamp: invite.writtenAt,
    summary: invite.summary,
    description: invite.description,
    location: invite.location,
  });
  return calendar.toString();
}

/**
 * ical-generator writes a plain Date's wall-clock time in the process's zone, not the event's; given
 * the shape of @date-fns/tz's TZDate (`internal`, `withTimeZone`, `tzComponents`) it asks for the
 * wall clock in the event's zone instead. The unit test pins this behaviour, so an upgrade that
 * changed it would fail there rather than in someone's calendar.
 */
class ZonedDate extends Date {
  readonly internal: Date;
  constructor(instant: Date) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
  }

  tzComponents(): never[] {
    return [];
  }

  withTimeZone(timeZone: string) {
    const w = wallClock(this.internal, timeZone);
    const shifted = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
    const fields = {
      getFullYear: () => shifted.getUTCFullYear(),
      getMonth: () => shifted.getUTCMonth(),
      getDate: () => shifted.getUTCDate(),
      getHours: () => shifted.getUTCHours(),
      getMinutes: () => shifted.getUTCMinutes(),
      getSeconds: () => shifted.getUTCSeconds(),
    };
    return { ...fields, getUTCFullYear: fields.getFullYear, getUTCMonth: fields.getMonth, getUTCDate: fields.getDate };
  }
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/**
 * RFC 5545 wants a VTIMEZONE for every TZID used, covering the event's dates. One observance with
 * the offset in force at the session is exact for a single event, and needs no time-zone database
 * beyond the one Node already has; calendars that know the IANA name use their own rules anyway.
 */
function vtimezone(timeZone: string, at: Date): string {
  const offset = formatOffset(offsetMinutes(at, timeZone));
  const name =
    formatter(timeZone, 'zone-name', { timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, `TZNAME:${name}`, 'END:STANDARD', 'END:VTIMEZONE'].join(
    '\r\n',
  );
}
