import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../format';
import { GapDimension } from '../../types';

// Pool, cohort and borough keep these colours in every chart; shares are compared side by side in
// bars, because slices of three separate pies cannot be compared by eye.
const SERIES = { pool: '#0b4f6c', cohort: '#b04a00', borough: '#5e6b78' };

const pct = (value: number | null | undefined) => (value === null || value === undefined ? 0 : Math.round(value * 1000) / 10);

/**
 * One dimension as a column chart (pool, cohort and borough side by side) with the same numbers as a
 * table: the table is the version screen readers and keyboards use. Once a cohort is selected it is
 * flagged against the borough the same way the pool is.
 */
export function GapCharts({ pool, cohort }: { pool?: GapDimension; cohort?: GapDimension }) {
  if (!pool) return null;
  const rows = pool.categories.map((c) => {
    const inCohort = cohort?.categories.find((x) => x.category === c.category);
    return {
      category: c.category,
      pool: pct(c.share),
      poolCount: c.count,
      cohort: pct(inCohort?.share),
      cohortCount: inCohort?.count ?? 0,
      borough: pct(c.referenceShare),
      flag: c.flag,
      seatGap: c.seatGap,
      cohortFlag: inCohort?.flag,
      cohortSeatGap: inCohort?.seatGap ?? 0,
    };
  });
  const cohortChosen = !!cohort && cohort.total > 0;
  const summary = rows.map((r) => `${r.category}: pool ${r.pool}%, borough ${r.borough}%`).join('; ');
  return (
    <div className="gap-charts">
      <figure className="chart-block" data-testid="gap-chart">
        <figcaption>
          <h3>{pool.label}: pool and cohort against the borough (share of people, %)</h3>
        </figcaption>
        <div role="img" aria-label={`Column chart. ${summary}`}>
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="category" interval={0} tick={{ fontSize: 12, fill: '#1b1f23' }} />
              <YAxis unit="%" tick={{ fontSize: 12, fill: '#1b1f23' }} />
              <Tooltip formatter={(value) => `${value}%`} />
              <Legend />
              <Bar dataKey="pool" name="Applicant pool" fill={SERIES.pool} isAnimationActive={false} />
              <Bar dataKey="cohort" name="Selected cohort" fill={SERIES.cohort} isAnimationActive={false} />
              <Bar dataKey="borough" name="Borough" fill={SERIES.borough} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
        <table>
          <caption>{pool.label}: the figures behind the charts</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="number">
                Pool (people)
              </th>
              <th scope="col" className="number">
                Pool share
              </th>
              <th scope="col" className="number">
                Cohort (people)
              </th>
              <th scope="col" className="number">
                Cohort share
              </th>
              <th scope="col" className="number">
                Borough share
              </th>
              <th scope="col">Pool against borough</th>
              {cohortChosen && <th scope="col">Cohort against borough</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.category}>
                <th scope="row">{r.category}</th>
                <td className="number">{r.poolCount}</td>
                <td className="number">{r.pool}%</td>
                <td className="number">{r.cohortCount}</td>
                <td className="number">{r.cohort}%</td>
                <td className="number">{r.borough}%</td>
                <td>
                  <AgainstBorough flag={r.flag} seatGap={r.seatGap} />
                </td>
                {cohortChosen && (
                  <td>
                    <AgainstBorough flag={r.cohortFlag} seatGap={r.cohortSeatGap} />
                  </td>
                )}
              </tr>
            ))}
            {pool.undisclosed
              .filter((u) => u.count > 0)
              .map((u) => (
                <tr key={u.category}>
                  <th scope="row">{u.category}</th>
                  <td className="number">{u.count}</td>
                  <td className="number">—</td>
                  <td className="number">{cohort?.undisclosed.find((x) => x.category === u.category)?.count ?? 0}</td>
                  <td className="number">—</td>
                  <td className="number">—</td>
                  <td>Not counted in the shares</td>
                  {cohortChosen && <td>Not counted in the shares</td>}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden">Shares are of those who answered: {percent(pool.total ? pool.disclosed / pool.total : null)} of the pool.</p>
    </div>
  );
}

function AgainstBorough({ flag, seatGap }: { flag: string | null | undefined; seatGap: number }) {
  if (flag === 'under') return <span className="pill under">Under by {Math.abs(seatGap).toFixed(1)}</span>;
  if (flag === 'over') return <span className="pill over">Over by {seatGap.toFixed(1)}</span>;
  return <>About right</>;
}
