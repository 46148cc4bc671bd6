import { ApplicantImportError } from './applicant-import.error';
import { isoDate, readApplicantRow } from './applicant-rows';
import { matchHeader } from './import-columns';
import { readApplicantCsv } from './read-applicant-csv';

const codeOf = (text: string) => {
  try {
    readApplicantCsv(text);
  } catch (error) {
    return (error as ApplicantImportError).code;
  }
  return undefined;
};

describe('reading a coordinator spreadsheet', () => {
  it('numbers rows as the spreadsheet does: header row 1, blank rows counted but skipped, a multi-line cell one row', () => {
    const file = readApplicantCsv('\uFEFFName,Email\r\nSam,sam@example.org\r\n\r\n,\r\n"Niamh\nO\'Brien",niamh@example.org\r\nJoe,\r\n');
    expect(file.rows.map((r) => [r.row, r.cells.name])).toEqual([
      [2, 'Sam'],
      [5, "Niamh\nO'Brien"],
      [6, 'Joe'],
    ]);
    expect(file.rows[2].cells).toEqual({ name: 'Joe' });
  });

  it('matches headers whatever their case, spacing and punctuation, and keeps the file’s spelling for reports', () => {
    const header = matchHeader(['FULL NAME', 'e-mail', 'Date_of_Birth', 'Mobile No.', 'Notes', 'Shoe size', '']);
    expect(header.positions).toEqual({ name: 0, email: 1, dateOfBirth: 2, phone: 3 });
    expect(header.labels).toMatchObject({ name: 'FULL NAME', email: 'e-mail', dateOfBirth: 'Date_of_Birth' });
    expect(header.ignored).toEqual(['Notes', 'Shoe size']);
  });

  it('reads tab-separated text pasted from a spreadsheet and quotes typed inside a cell', () => {
    const file = readApplicantCsv('Name\tReferrer\nSam "Sammy" Taylor\tIslington Mind\n');
    expect(file.rows[0].cells).toEqual({ name: 'Sam "Sammy" Taylor', referrer: 'Islington Mind' });
  });

  it('counts cells past the last header, the sign of an unquoted comma', () => {
    expect(readApplicantCsv('Name,Email\nTaylor, Sam,sam@example.org\n').rows[0].overflow).toBe(1);
  });

  it('refuses files that are not a list of applicants', () => {
    expect(codeOf('')).toBe('IMPORT_UNREADABLE_FILE');
    expect(codeOf('\n \n')).toBe('IMPORT_UNREADABLE_FILE');
    expect(codeOf('Name,Email\n')).toBe('IMPORT_UNREADABLE_FILE');
    expect(codeOf('Name\n"Sam\n')).toBe('IMPORT_UNREADABLE_FILE');
    expect(codeOf(Buffer.from('Name\nRen\xe9e\n', 'latin1').toString('utf8'))).toBe('IMPORT_UNREADABLE_FILE');
    expect(codeOf('Email\nsam@example.org\n')).toBe('IMPORT_INVALID_COLUMNS');
    expect(codeOf('First name\nSam\n')).toBe('IMPORT_INVALID_COLUMNS');
    expect(codeOf('Name,DOB,Date of birth\nSam,,\n')).toBe('IMPORT_INVALID_COLUMNS');
    expect(codeOf(`Name\n${'Sam\n'.repeat(10_001)}`)).toBe('IMPORT_TOO_MANY_ROWS');
  });
});

describe('a row', () => {
  const header = matchHeader(['Name', 'DOB', 'Source', 'Locality', 'Contact preferences']);
  const localities = new Map([['holloway', 'locality-1']]);
  const read = (cells: Record<string, string>) =>
    readApplicantRow({ row: 2, cells, overflow: 0 }, header, { localityIds: localities, partnerCodes: new Map(), validate: () => [], today: '2026-11-25' });

  it('takes UK and ISO dates, never month first', () => {
    expect(isoDate('21/04/1990')).toBe('1990-04-21');
    expect(isoDate('3.7.1979')).toBe('1979-07-03');
    expect(isoDate('1990-4-1')).toBe('1990-04-01');
    expect(isoDate('04/21/90')).toBeNull();
    expect(isoDate('21 April 1990')).toBeNull();
  });

  it('maps a locality name, a source word and listed channels onto what the product stores', () => {
    const { candidate } = read({ name: 'Sam', dateOfBirth: '21/04/1990', source: 'Self-referral', locality: 'HOLLOWAY', contactPreferences: 'Email; Text' });
    expect(candidate).toMatchObject({ source: 'self', details: { localityId: 'locality-1', dateOfBirth: '1990-04-21', contactPreferences: ['email', 'sms'] } });
    expect(read({ name: 'Sam' }).candidate?.source).toBe('coordinator');
  });

  it('reports every problem of the row at once, named by the file’s headers', () => {
    const { candidate, problems } = read({ name: 'Sam', dateOfBirth: 'April 1990', source: 'poster', locality: 'Atlantis' });
    expect(candidate).toBeUndefined();
    expect(problems.map((p) => [p.column, p.rule])).toEqual([
      ['DOB', 'dateFormat'],
      ['Locality', 'localityExists'],
      ['Source', 'isIn'],
    ]);
  });
});
