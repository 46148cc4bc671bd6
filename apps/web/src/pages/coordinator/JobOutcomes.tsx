import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { word } from '../../format';
import { Empty, PageHeading, QueryState } from '../../ui';
import { FunnelChart } from './Dashboard';
import { Dimension, queries } from '../../queries';
import { SelectField } from '../../forms';

const DIMENSIONS: Dimension[] = ['sex', 'age_18plus', 'ethnicity_broad', 'locality'];

export default function JobOutcomes() {
  const dimensionId = useId();
  const [dimension, setDimension] = useState<Dimension>('sex');
  const funnel = useQuery(queries.funnelAll());
  const equity = useQuery(queries.funnelEquity(dimension));
  const paidRoles = useQuery(queries.paidRoles());
  return (
    <>
      <PageHeading>Job outcomes</PageHeading>
      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">Into work</h2>
        <QueryState query={funnel} what="Loading the funnel">
          {(f) => <FunnelChart stages={f.stages} />}
        </QueryState>
      </section>
      <section aria-labelledby="equity-heading">
        <h2 id="equity-heading">Does every group get as far?</h2>
        <SelectField id={dimensionId} field="dimension" label="Group people by" value={dimension} onChange={(chosen) => setDimension(chosen as Dimension)}>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {word(d)}
            </option>
          ))}
        </SelectField>
        <QueryState query={equity} what="Loading the equity funnel">
          {(e) =>
            e.groups.length === 0 ? (
              <Empty>No one to compare yet.</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a small screen)">
                <table>
                  <caption>People reaching each stage, by {e.dimension.label.toLowerCase()}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Group</th>
                      {e.groups[0].stages.map((s) => (
                        <th scope="col" className="number" key={s.stage}>
                          {s.label}
                        </th>
                      ))}
                      <th scope="col">Falls behind?</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.groups.map((g) => (
                      <tr key={g.group}>
                        <th scope="row">{g.group}</th>
                        {g.stages.map((s) => (
                          <td className="number" key={s.stage}>
                            {s.count}
                          </td>
                        ))}
                        <td>{g.flagged ? <span className="pill under">Yes</span> : 'No'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="paid-roles-heading">
        <h2 id="paid-roles-heading">Paid roles in the programme</h2>
        <QueryState query={paidRoles} what="Loading paid roles">
          {(roles) =>
            roles.length === 0 ? (
              <Empty>No paid roles set up.</Empty>
            ) : (
              <ul>
                {roles.map((r) => (
                  <li key={r.id}>
                    {r.title}
                    {r.hoursPerWeek ? `, ${r.hoursPerWeek} hours a week` : ''}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
