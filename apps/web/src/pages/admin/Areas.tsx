import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { ErrorSummary, FileField, SelectField, TextAreaField, TextField, useFormErrors } from '../../forms';
import { useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, QueryState } from '../../ui';
import { CensusDataset } from './Settings';
import { queries } from '../../queries';
import type { Schema } from '../../types';

type ImportReport = Schema<'CensusImportReportView'>;

type Locality = Schema<'LocalityView'>;

/** A census table goes as the CSV itself (text/csv), not as JSON. */
function sendTable(datasetId: string, csv: string, dryRun: boolean): Promise<ImportReport> {
  return read(
    client.POST('/census/datasets/{id}/tables', {
      params: { path: { id: datasetId }, query: { dryRun } },
      body: csv,
      bodySerializer: (text) => text,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className={report.problems.length ? 'warning' : 'success'} role="status">
      <p>
        <strong>{report.dryRun ? 'Checked, nothing stored yet.' : `Imported ${report.rowsImported} rows.`}</strong> {report.rowsRead} rows read; {report.rowsSkippedOtherAreas} rows for other areas
        left out; {report.areas} areas; tables: {report.dimensions.join(', ') || 'none'}.
      </p>
      {report.problems.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Problems found (scrolls sideways on a small screen)">
          <table>
            <caption>{report.problems.length} problems: fix these in the file and check it again</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.slice(0, 200).map((p) => (
                <tr key={`${p.row}:${p.column}:${p.rule}`}>
                  <td>{p.row}</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Upload({ datasets }: { datasets: CensusDataset[] }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [chosenId, setDatasetId] = useState('');
  // The list grows after the first dataset is created here, so the choice falls back to the newest-listed one.
  const datasetId = datasets.some((d) => d.id === chosenId) ? chosenId : (datasets[0]?.id ?? '');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const check = useMutation({ mutationFn: () => sendTable(datasetId, file!.text, true) });
  const store = useMutation({ mutationFn: () => sendTable(datasetId, file!.text, false), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'census'] }) });
  const reset = () => {
    check.reset();
    store.reset();
  };
  if (!datasets.length) return <Empty>Create a dataset first, then upload its tables.</Empty>;
  return (
    <section className="form-section" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Upload a census table</h2>
      <p>
        A CSV with the columns area_code, area_name, dimension, category and count (parent_code and parent_name for small areas). First it is checked and nothing is stored; then you import it, all
        rows or none.
      </p>
      <SelectField
        id={`${ids}-dataset`}
        field="dataset"
        label="Dataset"
        value={datasetId}
        onChange={(value) => {
          setDatasetId(value);
          reset();
        }}
      >
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}, version {d.version}
          </option>
        ))}
      </SelectField>
      <FileField
        id={`${ids}-file`}
        label="Census table (CSV)"
        accept=".csv,text/csv"
        onChange={async (event) => {
          const chosen = event.target.files?.[0];
          reset();
          setFile(chosen ? { name: chosen.name, text: await chosen.text() } : null);
        }}
      />
      <div className="actions">
        <button type="button" className="button secondary" disabled={!file || check.isPending} onClick={() => check.mutate()}>
          {check.isPending ? 'Checking…' : 'Check the file'}
        </button>
        <button type="button" className="button" disabled={!file || !check.data || check.data.problems.length > 0 || store.isPending || store.isSuccess} onClick={() => store.mutate()}>
          {store.isPending ? 'Importing…' : 'Import the table'}
        </button>
      </div>
      {check.data && !store.data && <ImportReportView report={check.data} />}
      {store.data && <ImportReportView report={store.data} />}
      {check.isError && <ErrorMessage error={check.error} />}
      {store.isError && <ErrorMessage error={store.error} />}
    </section>
  );
}

function NewDataset() {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => read<CensusDataset>(client.POST('/census/datasets', { body: { name, ...(description.trim() ? { description } : {}) } })),
    onSuccess: () => {
      setName('');
      setDescription('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'census'] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(create.error, create.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  return (
    <form
      ref={formRef}
      noValidate
      className="form-section"
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2 id={`${ids}-heading`}>New dataset or version</h2>
      <p>A name already used starts its next version; the earlier versions stay as they were.</p>
      <ErrorSummary error={create.error} summaryRef={summaryRef} idOf={idOf} />
      <TextField id={idOf('name')} field="name" label="Name" hint="For example: Census 2021" value={name} onChange={setName} error={errorOf('name')} />
      <TextField id={idOf('description')} field="description" label="Description (optional)" value={description} onChange={setDescription} error={errorOf('description')} />
      <button type="submit" className="button" disabled={create.isPending}>
        Create the dataset
      </button>
      {create.isSuccess && (
        <p className="success" role="status">
          Created {create.data.name}, version {create.data.version}.
        </p>
      )}
    </form>
  );
}

export function CensusDatasets() {
  const { format } = useSession();
  const datasets = useQuery(queries.censusDatasets());
  return (
    <>
      <PageHeading>Census datasets</PageHeading>
      <p>The census figures the organisation compares its applicants and cohorts with. Choose which one is used by default in the organisation settings.</p>
      <QueryState query={datasets} what="Loading the datasets">
        {(list) => (
          <>
            {list.length === 0 ? (
              <Empty>No census datasets yet.</Empty>
            ) : (
              <table className="stack-on-phone">
                <caption>Datasets</caption>
                <thead>
                  <tr>
                    <th scope="col">Dataset</th>
                    <th scope="col">Created</th>
                    <th scope="col">Tables</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        {d.name}, version {d.version}
                      </th>
                      <td data-label="Created">{format.date(d.createdAt)}</td>
                      <td data-label="Tables">{d.dimensions.length ? d.dimensions.map((x) => `${x.dimension} (${x.areas} areas)`).join(', ') : 'None yet'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Upload datasets={list} />
          </>
        )}
      </QueryState>
      <NewDataset />
    </>
  );
}

/** Codes typed one a line or separated by commas or spaces, in capitals. */
const codesOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  ),
];

function LocalityForm({ locality, onDone }: { locality?: Locality; onDone?: () => void }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(locality?.name ?? '');
  const [codes, setCodes] = useState((locality?.onsCodes ?? []).join('\n'));
  const save = useMutation({
    mutationFn: () =>
      locality
        ? read<Locality>(client.PATCH('/localities/{id}', { params: { path: { id: locality.id } }, body: { name, onsCodes: codesOf(codes) } }))
        : read<Locality>(client.POST('/localities', { body: { name, onsCodes: codesOf(codes) } })),
    onSuccess: () => {
      if (!locality) {
        setName('');
        setCodes('');
      }
      void queryClient.invalidateQueries({ queryKey: ['admin', 'localities'] });
      onDone?.();
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(save.error, save.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  const codesError = errorOf('onsCodes');
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={locality ? `Change ${locality.name}` : 'New locality'}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <ErrorSummary error={save.error} summaryRef={summaryRef} idOf={idOf} />
      <TextField id={idOf('name')} field="name" label="Locality name" value={name} onChange={setName} error={errorOf('name')} />
      <TextAreaField
        id={idOf('onsCodes')}
        field="onsCodes"
        label="Small areas (ONS codes)"
        hint="The wards or small areas (LSOAs) it covers, such as E01002704: one a line, or separated by commas."
        rows={4}
        spellCheck={false}
        value={codes}
        onChange={setCodes}
        error={codesError}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {locality ? 'Save the locality' : 'Add the locality'}
        </button>
        {onDone && (
          <button type="button" className="button secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** Names of small areas, from the dataset the organisation compares with (its table covering the most areas is enough). */
function useAreaNames(): Map<string, string> {
  const organisation = useQuery(queries.organisation());
  const datasets = useQuery(queries.censusDatasets());
  const chosen = datasets.data?.find((d) => d.id === organisation.data?.defaultCensusDatasetId) ?? datasets.data?.find((d) => d.dimensions.length > 0);
  const dimension = [...(chosen?.dimensions ?? [])].sort((a, b) => b.areas - a.areas)[0]?.dimension;
  const figures = useQuery(queries.censusAreas(chosen?.id, dimension));
  return new Map((figures.data ?? []).map((f) => [f.areaCode, f.areaName]));
}

function LocalityCard({ locality, names }: { locality: Locality; names: Map<string, string> }) {
  const [editing, setEditing] = useState(false);
  return (
    <article className="card">
      <h2>{locality.name}</h2>
      {editing ? (
        <LocalityForm locality={locality} onDone={() => setEditing(false)} />
      ) : (
        <>
          {locality.onsCodes.length === 0 ? (
            <Empty>No small areas yet.</Empty>
          ) : (
            <details>
              <summary>
                {locality.onsCodes.length} small area{locality.onsCodes.length === 1 ? '' : 's'}
              </summary>
              <ul>
                {locality.onsCodes.map((code) => (
                  <li key={code}>
                    {code}
                    {names.get(code) ? ` (${names.get(code)})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button type="button" className="button secondary" onClick={() => setEditing(true)} aria-label={`Change ${locality.name}`}>
            Change
          </button>
        </>
      )}
    </article>
  );
}

export function Localities() {
  const localities = useQuery(queries.adminLocalities());
  const names = useAreaNames();
  return (
    <>
      <PageHeading>Localities</PageHeading>
      <p>The parts of the borough the organisation works in. Each is made of small areas, so the census figures for it can be added up; intakes can set places per locality.</p>
      <QueryState query={localities} what="Loading the localities">
        {(list) =>
          list.length === 0 ? (
            <Empty>No localities yet.</Empty>
          ) : (
            <div className="cards">
              {list.map((l) => (
                <LocalityCard key={l.id} locality={l} names={names} />
              ))}
            </div>
          )
        }
      </QueryState>
      <section className="form-section" aria-labelledby="new-locality">
        <h2 id="new-locality">Add a locality</h2>
        <LocalityForm />
      </section>
    </>
  );
}
