import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { queries } from '../../queries';
import { word } from '../../format';
import { useSession } from '../../session';
import { PageHeading, QueryState } from '../../ui';
import { EventLink } from './EventLink';
import { FairSelection } from './FairSelection';
import { IntakeStatus } from './IntakeStatus';
import { PartnersPanel } from './PartnersPanel';
import { PipelineBoard } from './PipelineBoard';
import { RepresentativenessPanel } from './RepresentativenessPanel';

export default function IntakePage() {
  const { id = '' } = useParams();
  const { format } = useSession();
  const intake = useQuery(queries.intake(id));
  const pipeline = useQuery(queries.pipeline(id));
  return (
    <QueryState query={intake} what="Loading the intake">
      {(i) => (
        <>
          <p>
            <Link to="/intakes">All intakes</Link>
          </p>
          <PageHeading>{i.name}</PageHeading>
          <dl className="facts">
            <dt>Status</dt>
            <dd>{word(i.status)}</dd>
            <dt>Recruitment window</dt>
            <dd>
              {format.date(i.opensOn)} to {format.date(i.closesOn)}
            </dd>
            <dt>Places</dt>
            <dd>{i.capacity}</dd>
            <dt>Applicants</dt>
            <dd>{pipeline.data?.total ?? '…'}</dd>
            <dt>Public application form</dt>
            <dd>
              <a href={i.publicUrl}>{i.publicUrl}</a>
            </dd>
          </dl>
          <p className="actions">
            <Link className="button secondary" to={`/intakes/${i.id}/applicants/new`}>
              Add an applicant (phone or paper)
            </Link>
            <Link className="button secondary" to={`/intakes/${i.id}/import`}>
              Import applicants from a spreadsheet
            </Link>
          </p>
          <IntakeStatus intake={i} />
          <EventLink intake={i} />
          <PipelineBoard intakeId={i.id} pipeline={pipeline} />
          <RepresentativenessPanel intakeId={i.id} />
          <PartnersPanel intakeId={i.id} />
          <FairSelection intake={i} pipeline={pipeline.data} />
        </>
      )}
    </QueryState>
  );
}
