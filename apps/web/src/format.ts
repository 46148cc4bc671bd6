/**
 * Dates as a person in the organisation reads them: instants in the organisation's time zone,
 * calendar dates (YYYY-MM-DD, no time) exactly as stored, in British English.
 */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Formatters {
  timeZone: string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  time(value: string | Date | null | undefined): string;
}

export function formattersFor(timeZone: string): Formatters {
  const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const calendarFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  const wrap = (format: (d: Date, raw: string | Date) => string) => (value: string | Date | null | undefined) => {
    if (value === null || value === undefined || value === '') return '—';
    const date = typeof value === 'string' && CALENDAR_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
    return Number.isNaN(date.getTime()) ? '—' : format(date, value);
  };
  return {
    timeZone,
    date: wrap((d, raw) => (typeof raw === 'string' && CALENDAR_DATE.test(raw) ? calendarFormat : dateFormat).format(d)),
    dateTime: wrap((d) => dateTimeFormat.format(d)),
    time: wrap((d) => timeFormat.format(d)),
  };
}

export const percent = (share: number | null | undefined, digits = 0): string => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`);

/** Words for the API's codes, so nobody reads "caring-responsibilities" or "age_18plus". */
export const WORDS: Record<string, string> = {
  applied: 'Applied',
  screened: 'Screened',
  taster: 'Taster day',
  offered: 'Offered',
  accepted: 'Accepted',
  enrolled: 'Enrolled',
  waitlisted: 'Waitlisted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  present: 'Present',
  late: 'Late',
  absent: 'Absent',
  excused: 'Excused',
  motivation: 'Motivation',
  'classroom-environment': 'Coping with the classroom',
  'health-or-recovery': 'Health or recovery',
  'caring-responsibilities': 'Caring duties',
  employment: 'Started work',
  'moved-away': 'Moved away',
  'excluded-for-behaviour': 'Excluded for behaviour',
  other: 'Other',
  sex: 'Sex',
  age_18plus: 'Age (adults)',
  age: 'Age',
  ethnicity_broad: 'Ethnic group',
  ethnicity: 'Ethnic group (detailed)',
  locality: 'Locality',
  disability_broad: 'Disability',
  religion: 'Religion',
  admin: 'Administrator',
  coordinator: 'Coordinator',
  trainer: 'Trainer',
  mentor: 'Peer mentor',
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
  active: 'Active',
  planned: 'Planned',
  ended: 'Ended',
  'on-track': 'On track',
  'at-risk': 'At risk',
  completed: 'Completed',
  'consecutive-absences': 'Absences in a row',
  'attendance-below-minimum': 'Attendance below the minimum',
};

export const word = (code: string | null | undefined): string => (code ? (WORDS[code] ?? code.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase())) : '—');
