import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { COHORT_STAGES, DIMENSIONS, queries } from '../../queries';
import { percent, word } from '../../format';
import { Empty, ErrorMessage, Loading } from '../../ui';
import { GapCharts } from './GapCharts';
import { SelectField } from '../../forms';

export { COHORT_STAGES, DIMENSIONS };

export function useGapAnalysis(intakeId: string, population: 'pool' | 'cohort') {
  return useQuery(queries.gaps(intakeId, population));
}

/** Pool and cohort against the borough, one dimension at a time, with who isn't there yet. */
export function RepresentativenessPanel({ intakeId }: { intakeId: string }) {
  const pool = useGapAnalysis(intakeId, 'pool');
  const cohort = useGapAnalysis(intakeId, 'cohort');
  const [dimension, setDimension] = useState<string>(DIMENSIONS[0]);
  const selectId = useId();

  return (
    <section aria-labelledby="representativeness-heading">
      <h2 id="representativeness-heading">Does the pool look like the borough?</h2>
      {pool.isPending && <Loading what="Comparing the pool with the census" />}
      {pool.error && <ErrorMessage error={pool.error} retry={() => void pool.refetch()} />}
      {pool.data && (
        <>
          <p>
            {pool.data.population.size} applicants compared with {pool.data.reference.datasetName} for the {pool.data.reference.area.kind}
            {cohort.data ? `; ${cohort.data.population.size} offered a place or further along (the cohort)` : ''}.
          </p>
          {pool.data.unavailable.length > 0 && <p className="warning">Not compared (no census figures): {pool.data.unavailable.map((u) => word(u.dimension)).join(', ')}.</p>}
          <SelectField id={selectId} field="dimension" label="Compare by" value={dimension} onChange={setDimension}>
            {pool.data.dimensions.map((d) => (
              <option key={d.dimension} value={d.dimension}>
                {d.label}
              </option>
            ))}
          </SelectField>
          <GapCharts pool={pool.data.dimensions.find((d) => d.dimension === dimension)} cohort={cohort.data?.dimensions.find((d) => d.dimension === dimension)} />
          <h3 id="who-isnt-there">Who isn’t there</h3>
          {pool.data.whoIsntThere.length === 0 ? (
            <Empty>No group is short of its share of the borough.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
              <table aria-describedby="who-isnt-there">
                <caption>Groups with fewer applicants than their share of the borough, largest shortfall first</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col" className="number">
                      Applicants
                    </th>
                    <th scope="col" className="number">
                      Expected from the borough
                    </th>
                    <th scope="col" className="number">
                      Short by
                    </th>
                    <th scope="col" className="number">
                      Needed to fill the places fairly
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pool.data.whoIsntThere.map((gap) => (
                    <tr key={`${gap.dimension}:${gap.category}`}>
                      <th scope="row">
                        {word(gap.dimension)}: {gap.category} <span className="visually-hidden">(borough share {percent(gap.referenceShare)})</span>
                      </th>
                      <td className="number">{gap.count}</td>
                      <td className="number">{gap.expectedCount.toFixed(1)}</td>
                      <td className="number">{Math.ceil(gap.shortfall)}</td>
                      <td className="number">{gap.neededAtCapacity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
