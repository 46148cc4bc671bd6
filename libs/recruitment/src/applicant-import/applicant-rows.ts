import { ContactChannel, normalisePersonDetails, PersonDetails } from '@steppingstone/people';
import { APPLICATION_SOURCES, ApplicationSource } from '../entities/application.entity';
import { HeaderMatch, ImportColumn } from './import-columns';
import { RowProblem } from './import-report';
import { CsvApplicantRow } from './read-applicant-csv';

/** One broken rule in a person's details, named by the PersonDetails field it concerns. */
export interface DetailsProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * The API's own rules for a person's details, passed in by the HTTP layer (which owns the DTO), so a
 * CSV row is held to exactly what POST /applications would accept.
 */
export type ValidateDetails = (details: Record<string, unknown>) => DetailsProblem[];

/** A row that passed every check, ready to be written. */
export interface ApplicantCandidate {
  row: number;
  details: PersonDetails;
  source: ApplicationSource;
  referrer: string | null;
}

const REFERRER_MAX = 200;

/** Words people put in a Source column, mapped onto the product's sources. */
const SOURCES: Record<string, ApplicationSource> = {
  ...Object.fromEntries(APPLICATION_SOURCES.map((s) => [s, s])),
  selfreferral: 'self',
  selfreferred: 'self',
  referred: 'referral',
  partnerreferral: 'referral',
  coordinatorentry: 'coordinator',
};

const CHANNELS: Record<string, string> = { text: 'sms', textmessage: 'sms', call: 'phone', telephone: 'phone', letter: 'post' };

/** Which column of the file a PersonDetails field came from. */
const FIELD_COLUMNS: Record<string, ImportColumn> = {
  name: 'name',
  preferredName: 'preferredName',
  email: 'email',
  phone: 'phone',
  postcode: 'postcode',
  localityId: 'locality',
  dateOfBirth: 'dateOfBirth',
  contactPreferences: 'contactPreferences',
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Turns one row into an applicant, or into every problem it has (never only the first). */
export function readApplicantRow(
  { row, cells, overflow }: CsvApplicantRow,
  header: HeaderMatch,
  localityIds: Map<string, string>,
  validate: ValidateDetails,
): { candidate?: ApplicantCandidate; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const label = (column: ImportColumn) => (column === 'name' && header.positions.name === undefined ? `${header.labels.firstName} / ${header.labels.lastName}` : header.labels[column]);
  const problem = (column: ImportColumn, rule: string, message: string) => problems.push({ row, column: label(column), rule, message });

  const raw: Record<string, unknown> = {
    name: cells.name ?? [cells.firstName, cells.lastName].filter(Boolean).join(' '),
    preferredName: cells.preferredName,
    email: cells.email,
    phone: cells.phone,
    postcode: cells.postcode,
    contactPreferences: cells.contactPreferences ? splitChannels(cells.contactPreferences) : undefined,
  };
  if (cells.dateOfBirth) {
    const iso = isoDate(cells.dateOfBirth);
    if (iso) raw.dateOfBirth = iso;
    else problem('dateOfBirth', 'dateFormat', `${label('dateOfBirth')} must be a date like 21/04/1990 (day/month/year) or 1990-04-21, not "${cells.dateOfBirth}"`);
  }
  if (cells.locality) {
    const id = localityIds.get(cells.locality.toLowerCase());
    if (id) raw.localityId = id;
    else problem('locality', 'localityExists', `${label('locality')} "${cells.locality}" is not one of this organisation's localities`);
  }
  for (const found of validate(raw)) {
    const column = FIELD_COLUMNS[found.field] ?? 'name';
    // The API's messages name its fields ("dateOfBirth must ..."); the coordinator knows the header.
    problem(column, found.rule, found.message.startsWith(found.field) ? `${label(column)}${found.message.slice(found.field.length)}` : found.message);
  }

  const source = cells.source ? SOURCES[squash(cells.source)] : 'coordinator';
  if (!source) problem('source', 'isIn', `${label('source')} must be one of ${APPLICATION_SOURCES.join(', ')} (or left blank for coordinator), not "${cells.source}"`);
  const referrer = cells.referrer ?? null;
  if (referrer && referrer.length > REFERRER_MAX) problem('referrer', 'maxLength', `${label('referrer')} must be at most ${REFERRER_MAX} characters`);
  if (overflow) {
    problems.push({ row, column: '(past the last column)', rule: 'columnCount', message: `This row has ${overflow} more cell(s) than the header has columns; a cell containing a comma must be in quotes` });
  }

  if (problems.length) return { problems };
  const details = normalisePersonDetails(raw as unknown as PersonDetails);
  return { candidate: { row, details, source: source!, referrer }, problems };
}

/** "email; sms", "Email, Text" or "email/phone": the ways people list channels in one cell. */
function splitChannels(cell: string): string[] {
  const channels = cell
    .split(/[;,/|]+/)
    .map((c) => squash(c))
    .filter(Boolean)
    .map((c) => CHANNELS[c] ?? c);
  return [...new Set(channels)] as ContactChannel[];
}

/** ISO (1990-04-21) or the UK's day/month/year (21/04/1990, 21-4-1990, 21.04.1990); never month first. */
export function isoDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!iso && !uk) return null;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [uk![3], uk![2], uk![1]];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
