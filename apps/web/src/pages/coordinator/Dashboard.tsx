import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { queries } from '../../queries';
import { word } from '../../format';
import { useSession } from '../../session';
import { Cohort, FunnelStage, Intake } from '../../types';
import { Empty, PageHeading, QueryState } from '../../ui';
import { FunnelFilter, FunnelFilters, NO_FILTER, useFunnel } from './FunnelFilters';
import { useGapAnalysis } from './RepresentativenessPanel';

function OpenIntake({ intake }: { intake: Intake }) {
  const { format } = useSession();
  const pipeline = useQuery(queries.pipeline(intake.id));
  const gaps = useGapAnalysis(intake.id, 'pool');
  // Which partners brought each missing group before: who to ring first.
  const reach = useQuery(queries.partnerReach(intake.id));
  const partnersOf = (dimension: string, category: string) =>
    (reach.data?.groups.find((g) => g.dimension === dimension && g.category === category)?.partners ?? []).filter((p) => p.otherIntakes > 0 || p.thisIntake > 0);
  return (
    <article className="card">
      <h3>
        <Link to={`/intakes/${intake.id}`}>{intake.name}</Link>
      </h3>
      <p>
        Closes {format.date(intake.closesOn)} · {pipeline.data ? `${pipeline.data.total} applicants for ${intake.capacity} places` : `${intake.capacity} places`}
      </p>
      <QueryState query={gaps} what="Checking the gaps">
        {(analysis) =>
          analysis.whoIsntThere.length === 0 ? (
            <p>The pool matches the borough.</p>
          ) : (
            <>
              <p>Who isn’t there yet:</p>
              <ul>
                {analysis.whoIsntThere.slice(0, 4).map((gap) => (
                  <li key={`${gap.dimension}:${gap.category}`}>
                    {word(gap.dimension)} {gap.category}: short by {Math.ceil(gap.shortfall)}
                    {partnersOf(gap.dimension, gap.category).length > 0 &&
                      `. Brought before by ${partnersOf(gap.dimension, gap.category)
                        .map((p) => `${p.name} (${p.otherIntakes + p.thisIntake})`)
                        .join(', ')}`}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </article>
  );
}

function CohortsAtRisk({ cohorts }: { cohorts: Cohort[] }) {
  const risks = useQueries({ queries: cohorts.map((c) => queries.atRisk(c.id)) });
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
      <table>
        <caption>Cohorts and the people at risk of dropping out</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="number">
              Enrolled
            </th>
            <th scope="col" className="number">
              Withdrawn
            </th>
            <th scope="col" className="number">
              At risk
            </th>
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c, i) => (
            <tr key={c.id}>
              <td>
                <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
              </td>
              <td className="number">{c.enrolled}</td>
              <td className="number">{c.withdrawn}</td>
              <td className="number">{risks[i].isPending ? '…' : risks[i].error ? 'Not available' : risks[i].data?.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FunnelChart({ stages }: { stages: FunnelStage[] }) {
  return (
    <>
      <div role="img" aria-label={`Bar chart of the funnel: ${stages.map((s) => `${s.label} ${s.count}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={stages} layout="vertical" margin={{ left: 40, right: 16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: '#1b1f23' }} />
            <YAxis type="category" dataKey="label" width={150} tick={{ fill: '#1b1f23', fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="count" name="People" fill="#0b4f6c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
        <table>
          <caption>The funnel in figures</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="number">
                People
              </th>
              <th scope="col" className="number">
                Of the stage before
              </th>
              <th scope="col" className="number">
                Of everyone registered
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.label}</th>
                <td className="number">{s.count}</td>
                <td className="number">{s.fromPrevious?.percent === null || s.fromPrevious === null ? '—' : `${s.fromPrevious.percent}%`}</td>
                <td className="number">{s.fromRegistered?.percent === null || s.fromRegistered === null ? '—' : `${s.fromRegistered.percent}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How each partner's people go on, from applying to a job, under the same filters as the funnel. */
function FunnelByPartner({ filter }: { filter: FunnelFilter }) {
  const query = new URLSearchParams(Object.entries({ programmeId: filter.programmeId, registeredFrom: filter.registeredFrom, registeredTo: filter.registeredTo }).filter(([, v]) => v !== ''));
  const funnel = useQuery({
    ...queries.funnelByPartner(query.toString()),
    enabled: !(filter.registeredFrom && filter.registeredTo && filter.registeredTo < filter.registeredFrom),
  });
  if (funnel.fetchStatus === 'idle' && funnel.isPending) return null;
  return (
    <QueryState query={funnel} what="Loading the funnel by partner">
      {(f) =>
        f.partners.length === 0 ? null : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Funnel by partner (scrolls sideways on a small screen)">
            <table>
              <caption>The funnel by referral partner (people, and the share of those who applied)</caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  {f.partners[0].stages.map((s) => (
                    <th key={s.stage} scope="col" className="number">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {f.partners.map((p) => (
                  <tr key={p.partnerId ?? 'none'}>
                    <th scope="row">{p.name}</th>
                    {p.stages.map((s) => (
                      <td key={s.stage} className="number">
                        {s.count}
                        {s.stage !== 'applied' && s.fromApplied.percent !== null ? ` (${s.fromApplied.percent}%)` : ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryState>
  );
}

export default function Dashboard() {
  const intakes = useQuery(queries.intakes());
  const cohorts = useQuery(queries.cohorts());
  const [filter, setFilter] = useState<FunnelFilter>(NO_FILTER);
  const funnel = useFunnel(filter);
  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <section aria-labelledby="open-intakes">
        <h2 id="open-intakes">Open intakes and who isn’t there</h2>
        <QueryState query={intakes} what="Loading intakes">
          {(list) => {
            const open = list.filter((i) => i.status === 'open');
            return open.length === 0 ? (
              <Empty>No intake is open for applications.</Empty>
            ) : (
              <div className="cards">
                {open.map((intake) => (
                  <OpenIntake key={intake.id} intake={intake} />
                ))}
              </div>
            );
          }}
        </QueryState>
      </section>
      <section aria-labelledby="cohorts-at-risk">
        <h2 id="cohorts-at-risk">Cohorts at risk</h2>
        <QueryState query={cohorts} what="Loading cohorts">
          {(list) => (list.length === 0 ? <Empty>No cohorts yet.</Empty> : <CohortsAtRisk cohorts={list} />)}
        </QueryState>
      </section>
      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">From registration to a paid job</h2>
        <FunnelFilters filter={filter} onChange={setFilter} error={funnel.error} />
        <p className="loading" role="status" aria-live="polite">
          {funnel.isFetching ? 'Updating the figures…' : ''}
        </p>
        {funnel.fetchStatus === 'idle' && funnel.isPending ? null : (
          <QueryState query={funnel} what="Loading the funnel">
            {(f) => <FunnelChart stages={f.stages} />}
          </QueryState>
        )}
        <FunnelByPartner filter={filter} />
      </section>
    </>
  );
}
