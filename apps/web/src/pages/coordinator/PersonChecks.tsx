import { useQuery } from '@tanstack/react-query';
import { checkName, SafetyCheck } from '../../field';
import { useSession } from '../../session';
import { Empty, QueryState } from '../../ui';
import { queries } from '../../queries';

const STATE_WORDS: Record<SafetyCheck['state'], string> = { valid: 'Valid', expiring: 'Expires soon', expired: 'Expired' };

/** A person's safety checks (DBS, references, right to work, training), where "Checks due" links to. */
export function PersonChecks({ personId }: { personId: string }) {
  const { format } = useSession();
  const checks = useQuery(queries.personChecks(personId));
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">Safety checks</h2>
      <QueryState query={checks} what="Loading checks">
        {(list) =>
          list.length === 0 ? (
            <Empty>No checks recorded.</Empty>
          ) : (
            <table className="stack-on-phone">
              <caption>Checks, with who saw the evidence</caption>
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">Checked</th>
                  <th scope="col">Expiry</th>
                  <th scope="col">Evidence seen by</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{checkName(c)}</th>
                    <td data-label="Checked">{format.date(c.checkedOn)}</td>
                    <td data-label="Expiry">
                      {c.expiresOn ? format.date(c.expiresOn) : 'Does not expire'} ({STATE_WORDS[c.state]})
                    </td>
                    <td data-label="Evidence seen by">{c.evidenceSeenBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
