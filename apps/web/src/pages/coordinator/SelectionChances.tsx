import { useQuery } from '@tanstack/react-query';
import { Fragment, useId, useMemo, useState } from 'react';
import { percent } from '../../format';
import { TextField } from '../../forms';
import { BindingQuota, Explanations, Selection } from '../../types';
import { Empty, QueryState } from '../../ui';
import { bindingSentence } from './selection-words';
import { queries } from '../../queries';

type SortKey = 'name' | 'chance';
type Direction = 'ascending' | 'descending';

interface Row {
  applicationId: string;
  name: string;
  chance: number;
  exactChance: number | undefined;
  selected: boolean;
}

/**
 * Every applicant's chance of selection, sortable by name or chance and searchable by name, each
 * with the quotas that make it what it is. Sorting is done with buttons in the column headers
 * (aria-sort says the order), so it works from the keyboard and is announced.
 */
export function SelectionChances({ selection, nameOf }: { selection: Selection; nameOf: (applicationId: string) => string }) {
  const ids = { search: useId(), count: useId() };
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'chance', direction: 'ascending' });
  const [open, setOpen] = useState<string | undefined>();
  const explanations = useQuery(queries.explanations(selection.id));
  const byApplication = useMemo(() => new Map((explanations.data?.explanations ?? []).map((e) => [e.applicationId, e])), [explanations.data]);

  const chosen = useMemo(() => new Set(selection.panel), [selection.panel]);
  const rows: Row[] = useMemo(() => {
    const all = (selection.probabilities ?? []).map((p) => ({
      applicationId: p.id,
      name: nameOf(p.id),
      chance: p.probability,
      exactChance: byApplication.get(p.id)?.exactProbability,
      selected: chosen.has(p.id),
    }));
    const needle = query.trim().toLocaleLowerCase('en-GB');
    const found = needle ? all.filter((r) => r.name.toLocaleLowerCase('en-GB').includes(needle)) : all;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'en-GB');
    return [...found].sort((a, b) => sign * (sort.key === 'name' ? byName(a, b) : a.chance - b.chance || byName(a, b)));
  }, [selection.probabilities, nameOf, byApplication, chosen, query, sort]);

  function sortBy(key: SortKey) {
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));
  }
  const ariaSort = (key: SortKey) => (sort.key === key ? sort.direction : 'none');
  const arrow = (key: SortKey) => (sort.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : '');
  const total = selection.probabilities?.length ?? 0;

  return (
    <section aria-labelledby={`${ids.count}-heading`}>
      <h3 id={`${ids.count}-heading`}>Each applicant’s chance</h3>
      <p>
        The chance each applicant had of being selected under the draw used. Where a quota holds a group’s chance up or down, “Why this chance?” says which. Without quotas everyone would have had{' '}
        {percent(selection.equalChance, 1)}.
      </p>
      <TextField id={ids.search} label="Search by name" type="search" value={query} onChange={setQuery} aria-describedby={ids.count} autoComplete="off" />
      <p id={ids.count} role="status" aria-live="polite">
        {query.trim() ? `${rows.length} of ${total} applicants match “${query.trim()}”.` : `${total} applicants.`}
      </p>
      {rows.length === 0 ? (
        <Empty>Nobody’s name matches that search.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Chances table (scrolls sideways on a small screen)">
          <table className="chances">
            <caption>
              Chance of selection for each applicant, sorted by {sort.key === 'name' ? 'name' : 'chance'} ({sort.direction})
            </caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort('name')}>
                  <button type="button" className="button sort" onClick={() => sortBy('name')}>
                    Name{arrow('name')}
                  </button>
                </th>
                <th scope="col" aria-sort={ariaSort('chance')} className="number">
                  <button type="button" className="button sort" onClick={() => sortBy('chance')}>
                    Chance{arrow('chance')}
                  </button>
                </th>
                <th scope="col">Selected</th>
                <th scope="col">
                  <span className="visually-hidden">Explanation</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const detailId = `why-${r.applicationId}`;
                const isOpen = open === r.applicationId;
                return (
                  <Fragment key={r.applicationId}>
                    <tr>
                      <th scope="row">{r.name}</th>
                      <td className="number">{percent(r.chance, 1)}</td>
                      <td>{r.selected ? 'Selected' : 'Not selected'}</td>
                      <td>
                        <button type="button" className="button link-like" aria-expanded={isOpen} aria-controls={detailId} onClick={() => setOpen(isOpen ? undefined : r.applicationId)}>
                          Why this chance?<span className="visually-hidden"> ({r.name})</span>
                        </button>
                      </td>
                    </tr>
                    <tr id={detailId} hidden={!isOpen} className="why">
                      <td colSpan={4}>{isOpen && <Why selection={selection} row={r} explanations={explanations} binding={byApplication.get(r.applicationId)?.binding} />}</td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Why({
  selection,
  row,
  explanations,
  binding,
}: {
  selection: Selection;
  row: Row;
  explanations: { data: Explanations | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  binding: BindingQuota[] | undefined;
}) {
  return (
    <QueryState query={explanations} what="Finding the quotas behind this chance">
      {(data) =>
        data.explanations === null ? (
          <p>This selection was made before the reasons for each chance were kept, so they cannot be shown. Run it again from its seed to see them.</p>
        ) : (
          <div className="why-text">
            <p>
              {row.name} had a {percent(row.chance, 1)} chance
              {row.exactChance !== undefined && Math.abs(row.exactChance - row.chance) >= 0.0005 ? ` (${percent(row.exactChance, 1)} in the exact distribution, before rounding to tickets)` : ''},
              against {percent(selection.equalChance, 1)} if there were no quotas.
            </p>
            {binding && binding.length > 0 ? (
              <>
                <p>The quotas that set the chance for people like {row.name}:</p>
                <ul>
                  {binding.map((b) => (
                    <li key={`${b.category}:${b.feature}:${b.bound}`}>{bindingSentence(b, selection.panelSize)}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>No quota holds this chance up or down: the places left after the quotas are shared out as equally as the draw allows.</p>
            )}
          </div>
        )
      }
    </QueryState>
  );
}
