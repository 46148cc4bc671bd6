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
  address: ['address', 'postal address', 'home address'],
  receivedOn: ['received on', 'date received', 'received', 'application date', 'date of application'],
  partnerCode: ['partner code', 'referral code', 'partner', 'referral partner'],
  // Equality monitoring, headed with the census's questions or their short names.
  sex: ['sex', 'what is your sex'],
  ageBand: ['age band', 'age group', 'which age group are you in'],
  ethnicity: ['ethnic group', 'ethnicity', 'what is your ethnic group'],
  ethnicityOther: ['ethnic group write-in', 'ethnic group other', 'ethnic group (other)', 'other ethnic group', 'ethnic group, write in'],
  disability: ['disability', 'disability (equality act)', 'long-term health condition', 'health condition or disability'],
  religion: ['religion', 'what is your religion'],
  religionOther: ['religion write-in', 'religion other', 'religion (other)', 'other religion', 'any other religion, write in'],
  genderIdentity: ['gender identity', 'is the gender you identify with the same as your sex registered at birth'],
  genderIdentityOther: ['gender identity write-in', 'gender identity (other)', 'gender identity, write in'],
  sexualOrientation: ['sexual orientation', 'which of the following best describes your sexual orientation'],
  sexualOrientationOther: ['sexual orientation write-in', 'sexual orientation (other)', 'other sexual orientation, write in'],
  equalityConsent: ['equality consent', 'equality monitoring consent', 'consent to equality monitoring', 'consent to equality questions'],
  equalityConsentDate: ['equality consent date', 'equality consent given on', 'date of equality consent'],
} as const;

/** The columns that carry equality monitoring answers (special-category data, kept only with consent). */
export const EQUALITY_COLUMNS = [
  'sex',
  'ageBand',
  'ethnicity',
  'ethnicityOther',
  'disability',
  'religion',
  'religionOther',
  'genderIdentity',
  'genderIdentityOther',
  'sexualOrientation',
  'sexualOrientationOther',
] as const;
export type EqualityColumn = (typeof EQUALITY_COLUMNS)[number];

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
  address: 'Address',
  receivedOn: 'Received on',
  partnerCode: 'Partner code',
  sex: 'Sex',
  ageBand: 'Age group',
  ethnicity: 'Ethnic group',
  ethnicityOther: 'Ethnic group (write-in)',
  disability: 'Disability',
  religion: 'Religion',
  religionOther: 'Religion (write-in)',
  genderIdentity: 'Gender identity',
  genderIdentityOther: 'Gender identity (write-in)',
  sexualOrientation: 'Sexual orientation',
  sexualOrientationOther: 'Sexual orientation (write-in)',
  equalityConsent: 'Equality consent',
  equalityConsentDate: 'Equality consent date',
};

export const IMPORT_COLUMN_NAMES = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

/** What the coordinator said each header of their file is: a column we import, or null to ignore it. */
export type ColumnMapping = Record<string, ImportColumn | null>;

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

/**
 * Which column each header is: the coordinator's mapping where it names the header (null: ignore
 * it), otherwise recognised by its spelling. A mapping that names a header the file does not have,
 * or a column we do not import, is refused before any row is read.
 */
export function matchHeader(cells: string[], mapping: ColumnMapping = {}): HeaderMatch {
  const positions: Partial<Record<ImportColumn, number>> = {};
  const labels = { ...COLUMN_LABELS };
  const ignored: string[] = [];
  const seen = new Map<ImportColumn, string[]>();
  const mapped = new Map(Object.entries(mapping).map(([header, column]) => [header.trim().toLowerCase(), column]));
  cells.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const column = mapped.has(header.toLowerCase()) ? mapped.get(header.toLowerCase()) : BY_SPELLING.get(squash(header));
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

/** Every column we import, with its label and the header spellings recognised without a mapping. */
export function importColumnGuide(): Array<{ column: ImportColumn; label: string; spellings: readonly string[]; equality: boolean }> {
  return IMPORT_COLUMN_NAMES.map((column) => ({
    column,
    label: COLUMN_LABELS[column],
    spellings: IMPORT_COLUMNS[column],
    equality: (EQUALITY_COLUMNS as readonly string[]).includes(column) || column.startsWith('equality'),
  }));
}
