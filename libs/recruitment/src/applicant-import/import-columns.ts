/**
 * The columns a coordinator's spreadsheet may have, each with the header spellings people actually
 * use. Headers are compared with case, spaces and punctuation removed, so "Date of birth",
 * "date_of_birth" and "DOB" all land on the same column.
 */
export const IMPORT_COLUMNS = {
  name: ['name', 'full name', 'applicant name', 'applicant'],
  firstName: ['first name', 'forename', 'given name'],
  lastName: ['last name', 'surname', 'family name'],
  preferredName: ['preferred name', 'known as', 'nickname'],
  email: ['email', 'email address', 'e-mail'],
  phone: ['phone', 'mobile', 'telephone', 'tel', 'phone number', 'mobile number', 'mobile phone', 'mobile no', 'phone no', 'tel no', 'contact number'],
  postcode: ['postcode', 'post code', 'postal code'],
  locality: ['locality', 'area', 'neighbourhood', 'neighborhood'],
  dateOfBirth: ['date of birth', 'dob', 'birth date', 'birthday'],
  source: ['source', 'application source'],
  referrer: ['referrer', 'referred by', 'referring organisation', 'referring organization'],
  contactPreferences: ['contact preferences', 'contact preference', 'preferred contact', 'contact by', 'contact methods'],
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

/** How each column is named in a report when the file itself did not name it (a missing column). */
export const COLUMN_LABELS: Record<ImportColumn, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  email: 'Email',
  phone: 'Phone',
  postcode: 'Postcode',
  locality: 'Locality',
  dateOfBirth: 'Date of birth',
  source: 'Source',
  referrer: 'Referrer',
  contactPreferences: 'Contact preferences',
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const BY_SPELLING = new Map<string, ImportColumn>(
  (Object.entries(IMPORT_COLUMNS) as Array<[ImportColumn, readonly string[]]>).flatMap(([column, spellings]) => spellings.map((s) => [squash(s), column] as const)),
);

export interface HeaderMatch {
  /** Column index in the file for each recognised column. */
  positions: Partial<Record<ImportColumn, number>>;
  /** The header as the file wrote it, so a report names the column the coordinator sees. */
  labels: Record<ImportColumn, string>;
  /** Headers we do not recognise: reported as a warning and ignored, never fatal. */
  ignored: string[];
  /** Two headers meaning the same column: fatal, because we cannot know which one to believe. */
  repeated: Array<{ column: ImportColumn; headers: string[] }>;
}

export function matchHeader(cells: string[]): HeaderMatch {
  const positions: Partial<Record<ImportColumn, number>> = {};
  const labels = { ...COLUMN_LABELS };
  const ignored: string[] = [];
  const seen = new Map<ImportColumn, string[]>();
  cells.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const column = BY_SPELLING.get(squash(header));
    if (!column) {
      ignored.push(header);
      return;
    }
    seen.set(column, [...(seen.get(column) ?? []), header]);
    if (positions[column] === undefined) {
      positions[column] = index;
      labels[column] = header;
    }
  });
  const repeated = [...seen.entries()].filter(([, headers]) => headers.length > 1).map(([column, headers]) => ({ column, headers }));
  return { positions, labels, ignored, repeated };
}
