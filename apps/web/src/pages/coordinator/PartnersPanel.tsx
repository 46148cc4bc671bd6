import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { word } from '../../format';
import { queries } from '../../queries';
import { STAGES } from '../../types';
import { Empty, QueryState } from '../../ui';
import { KIND_WORDS } from './partners';

export const partnerNames = (partners: Array<{ name: string; count: number }>): string => partners.map((p) => `${p.name} (${p.count})`).join(', ');

/**
 * An intake seen by referral partner: each partner's own link to its form, how many each brought to
 * each stage, and which partners brought people of the groups who aren't there yet.
 */
export function PartnersPanel({ intakeId }: { intakeId: string }) {
  const links = useQuery(queries.partnerLinks(intakeId));
  const pipeline = useQuery(queries.pipelineByPartner(intakeId));
  const gaps = useQuery(queries.gapsByPartner(intakeId));
  return (
    <section aria-labelledby="partners-heading">
      <h2 id="partners-heading">Referral partners</h2>
      <p>
        Each partner’s own link to this intake’s form: applications through it carry the partner, as does its code on a paper form. <Link to="/referral-partners">Add or change partners</Link>.
      </p>
      <QueryState query={links} what="Loading the partners’ links">
        {(list) =>
          list.length === 0 ? (
            <Empty>No referral partners yet.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Partners’ links (scrolls sideways on a small screen)">
              <table>
                <caption>Each partner’s link to this form, and its code for paper forms</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Code</th>
                    <th scope="col">Link</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((l) => (
                    <tr key={l.partnerId}>
                      <th scope="row">
                        {l.name} <span className="hint">({KIND_WORDS[l.kind] ?? l.kind})</span>
                      </th>
                      <td>
                        <code>{l.code}</code>
                      </td>
                      <td>
                        <a href={l.url}>{l.url}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <QueryState query={pipeline} what="Loading the pipeline by partner">
        {(p) =>
          p.partners.length === 0 ? null : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Pipeline by partner (scrolls sideways on a small screen)">
              <table>
                <caption>Applicants by partner and stage</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col" className="number">
                      All
                    </th>
                    {STAGES.map((s) => (
                      <th key={s} scope="col" className="number">
                        {word(s)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.partners.map((row) => (
                    <tr key={row.partnerId ?? 'none'}>
                      <th scope="row">{row.name}</th>
                      <td className="number">{row.total}</td>
                      {STAGES.map((s) => (
                        <td key={s} className="number">
                          {row.stages?.[s] ?? 0}
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
      <QueryState query={gaps} what="Finding which partners bring whom">
        {(g) =>
          g.whoIsntThere.length === 0 ? null : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Partners and the groups who aren’t there (scrolls sideways on a small screen)">
              <table>
                <caption>Who brings the groups who aren’t there yet (people of the group each partner brought to this intake)</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col" className="number">
                      Short by
                    </th>
                    <th scope="col">Partners that brought people of it</th>
                  </tr>
                </thead>
                <tbody>
                  {g.whoIsntThere.map((gap) => (
                    <tr key={`${gap.dimension}:${gap.category}`}>
                      <th scope="row">
                        {word(gap.dimension)}: {gap.category}
                      </th>
                      <td className="number">{Math.ceil(gap.shortfall)}</td>
                      <td>{gap.partners.length === 0 ? 'None yet' : partnerNames(gap.partners)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
