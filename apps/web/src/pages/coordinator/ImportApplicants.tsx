import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, client, read } from '../../api';
import { ErrorSummary, fieldDetails, FileField, SelectField } from '../../forms';
import { Intake } from '../../types';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { queries } from '../../queries';
import type { ImportColumn, ImportReport } from '../../types';

type RowNote = ImportReport['problems'][number];

type Mapping = Record<string, string | null>;

/** A refused real run carries the report too (every problem), so it is shown like a dry run's. */
const reportIn = (error: unknown): ImportReport | undefined => (error instanceof ApiError && Array.isArray(error.body?.problems) ? (error.body as unknown as ImportReport) : undefined);

function NotesTable({ caption, notes, what }: { caption: string; notes: RowNote[]; what: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption} (scrolls sideways on a small screen)`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              Row
            </th>
            <th scope="col">Column</th>
            <th scope="col">{what}</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n, i) => (
            <tr key={`${n.row}:${n.column}:${n.rule}:${i}`}>
              <td className="number">{n.row}</td>
              <td>{n.column}</td>
              <td>{n.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How each header was read, each with a select to say which column it really is (or to ignore it). */
function MappingTable({ report, columns, mapping, onChange }: { report: ImportReport; columns: ImportColumn[]; mapping: Mapping; onChange: (mapping: Mapping) => void }) {
  const ids = useId();
  const valueOf = (header: string, read: string | null) => (header in mapping ? mapping[header] : read) ?? '';
  const groups = [
    { label: 'About the applicant', columns: columns.filter((c) => !c.equality) },
    { label: 'Equality monitoring (Census 2021 wording)', columns: columns.filter((c) => c.equality) },
  ];
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Column mapping (scrolls sideways on a small screen)">
      <table>
        <caption>How each column of the file is read</caption>
        <thead>
          <tr>
            <th scope="col">Header in the file</th>
            <th scope="col">Read as</th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map(({ header, column }, index) => (
            <tr key={header}>
              <th scope="row">{header}</th>
              <td>
                <SelectField
                  id={`${ids}-${index}`}
                  label={header}
                  labelHidden
                  fieldClass=""
                  value={valueOf(header, column)}
                  onChange={(chosen) => onChange({ ...mapping, [header]: chosen === '' ? null : chosen })}
                >
                  <option value="">Ignore this column</option>
                  {groups.map((group) => (
                    <optgroup key={group.label} label={group.label}>
                      {group.columns.map((c) => (
                        <option key={c.column} value={c.column}>
                          {c.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </SelectField>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Applicants from a spreadsheet: upload a CSV, check it (a dry run that writes nothing and lists
 * every problem by row and column), say which column is which where a header is not recognised,
 * then import every row, or none.
 */
function Importer({ intake, columns }: { intake: Intake; columns: ImportColumn[] }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState('');
  const [mapping, setMapping] = useState<Mapping>({});
  const resultRef = useRef<HTMLHeadingElement>(null);
  const run = (dryRun: boolean) => {
    return read(
      client.POST('/intakes/{id}/applicants/import', {
        params: { path: { id: intake.id }, query: { dryRun, ...(Object.keys(mapping).length ? { mapping: JSON.stringify(mapping) } : {}) } },
        // The file goes as its own text, not as JSON.
        body: file?.text ?? '',
        bodySerializer: (text) => text,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
  };
  const check = useMutation({ mutationFn: () => run(true) });
  const commit = useMutation({
    mutationFn: () => run(false),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['applications', intake.id] });
      void queryClient.invalidateQueries({ queryKey: ['intakes', intake.id] });
      void queryClient.invalidateQueries({ queryKey: ['gaps', intake.id] });
    },
  });
  const summaryRef = useRef<HTMLDivElement>(null);
  const report = reportIn(commit.error) ?? check.data;

  useEffect(() => {
    if (check.data || commit.data || commit.error) resultRef.current?.focus();
  }, [check.data, commit.data, commit.error]);
  useEffect(() => {
    if (check.error || fileError) summaryRef.current?.focus();
  }, [check.error, check.failureCount, fileError]);

  async function choose(files: FileList | null) {
    const chosen = files?.[0];
    check.reset();
    commit.reset();
    setMapping({});
    setFile(chosen ? { name: chosen.name, text: await chosen.text() } : null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('Choose the CSV file to check');
      return;
    }
    setFileError('');
    commit.reset();
    check.mutate();
  }

  if (commit.data) {
    return (
      <div className="panel" role="status">
        <h2 tabIndex={-1} ref={resultRef}>
          Imported {commit.data.created} {commit.data.created === 1 ? 'applicant' : 'applicants'}
        </h2>
        <p>
          {commit.data.created} new applications at “Applied” in {intake.name}, {commit.data.equalityRows} of them with equality answers kept with the person’s consent.
          {commit.data.warnings.length > 0 ? ` ${commit.data.warnings.length} notes to look at (possible duplicates, ignored columns) are listed below.` : ''}
        </p>
        <p>
          <Link to={`/intakes/${intake.id}`}>Back to {intake.name}</Link>
        </p>
        {commit.data.warnings.length > 0 && <NotesTable caption="Notes, by row and column" notes={commit.data.warnings} what="Note" />}
      </div>
    );
  }

  const fileId = `${ids}-file`;
  return (
    <>
      <form onSubmit={submit} noValidate>
        {fileError ? (
          <div className="error" role="alert" tabIndex={-1} ref={summaryRef}>
            <p>There is a problem</p>
            <ul>
              <li>
                <a href={`#${fileId}`}>{fileError}</a>
              </li>
            </ul>
          </div>
        ) : (
          <ErrorSummary error={check.error} summaryRef={summaryRef} idOf={() => fileId} />
        )}
        <FileField
          id={fileId}
          field="file"
          label="CSV file"
          hint="Save the spreadsheet as CSV. One row per applicant under a row of headers; at most 10,000 rows."
          error={fileError || fieldDetails(check.error)[0]?.message}
          accept=".csv,text/csv"
          onChange={(event) => void choose(event.target.files)}
        />
        <button type="submit" className="button" disabled={check.isPending}>
          {check.isPending ? 'Checking…' : report ? 'Check again with these columns' : 'Check the file'}
        </button>
      </form>
      {report && (
        <section aria-labelledby={`${ids}-report`}>
          <h2 id={`${ids}-report`} tabIndex={-1} ref={resultRef}>
            {commit.error ? 'Nothing was imported' : `Check of ${file?.name ?? 'the file'}: nothing written yet`}
          </h2>
          <p role="status">
            {report.rowCount} applicant {report.rowCount === 1 ? 'row' : 'rows'}: {report.validRows} without problems, {report.problems.length} {report.problems.length === 1 ? 'problem' : 'problems'}.{' '}
            {report.equalityRows} {report.equalityRows === 1 ? 'row has' : 'rows have'} equality answers with consent.
          </p>
          <MappingTable report={report} columns={columns} mapping={mapping} onChange={setMapping} />
          <p className="hint">After changing how a column is read, check the file again.</p>
          {report.problems.length > 0 ? (
            <>
              <NotesTable caption="Problems, by row and column (fix them in the spreadsheet, then check again)" notes={report.problems} what="Problem" />
              <p>Nothing can be imported while the file has problems: the import takes every row, or none.</p>
            </>
          ) : (
            <Empty>No problems found.</Empty>
          )}
          {report.warnings.length > 0 && <NotesTable caption="Notes, by row and column (they do not stop the import)" notes={report.warnings} what="Note" />}
          {commit.error && !reportIn(commit.error) && <ErrorMessage error={commit.error} />}
          {report.problems.length === 0 && !reportIn(commit.error) && (
            <button type="button" className="button" disabled={commit.isPending} onClick={() => commit.mutate()}>
              {commit.isPending ? 'Importing…' : `Import ${report.rowCount} ${report.rowCount === 1 ? 'applicant' : 'applicants'}`}
            </button>
          )}
        </section>
      )}
    </>
  );
}

export default function ImportApplicants() {
  const { id = '' } = useParams();
  const intake = useQuery(queries.intake(id));
  const columns = useQuery(queries.importColumns());
  return (
    <QueryState query={intake} what="Loading the intake">
      {(i) => (
        <>
          <p>
            <Link to={`/intakes/${i.id}`}>Back to {i.name}</Link>
          </p>
          <PageHeading title={`Import applicants into ${i.name}`}>Import applicants from a spreadsheet</PageHeading>
          <p>
            Into {i.name}. First the file is checked: nothing is written, and every problem is listed by row and column. Then the import adds every row, or none. Equality answers are kept only on rows
            whose “Equality consent” column says yes.
          </p>
          <QueryState query={columns} what="Loading the columns">
            {(list) => (
              <>
                <details>
                  <summary>Columns the file can have</summary>
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Columns (scrolls sideways on a small screen)">
                    <table>
                      <caption>Columns recognised by their header (any case; spaces and punctuation ignored)</caption>
                      <thead>
                        <tr>
                          <th scope="col">Column</th>
                          <th scope="col">Headers recognised</th>
                          <th scope="col">Equality monitoring</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((c) => (
                          <tr key={c.column}>
                            <th scope="row">{c.label}</th>
                            <td>{c.spellings.join(', ')}</td>
                            <td>{c.equality ? 'Yes: kept only with the row’s equality consent' : 'No'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
                <Importer intake={i} columns={list} />
              </>
            )}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
