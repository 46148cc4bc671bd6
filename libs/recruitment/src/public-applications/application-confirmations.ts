import { Injectable } from '@nestjs/common';
import { Tenancy } from '@steppingstone/core';
import { escapeHtml, EmailDelivery, TextDelivery } from '@steppingstone/notifications';
import { applicationConfirmationText, prefersText } from './application-confirmation-text';
import { organisationProfile } from '@steppingstone/organisations';
import { Person, personById } from '@steppingstone/people';
import { Application } from '../entities/application.entity';
import { Intake } from '../entities/intake.entity';
import { Programme } from '../entities/programme.entity';
import { intakeTitle, longDate, longDateTime } from './public-intake';

export const APPLICATION_CONFIRMATION_JOB = 'application-confirmation';

/** Ids only: the worker reads everything else from the database when it runs. */
export interface ApplicationConfirmationJob {
  organisationId: string;
  applicationId: string;
}

export function applicationConfirmationJobId(applicationId: string): string {
  return `${APPLICATION_CONFIRMATION_JOB}-${applicationId}`;
}

/** The delivery log's key: one confirmation per application and recipient, however many jobs run. */
export function applicationConfirmationKey(applicationId: string, recipient: string): string {
  return `${APPLICATION_CONFIRMATION_JOB}:${applicationId}:${recipient.toLowerCase()}`;
}

/** The email that thanks a resident for applying, written from what the database holds when it is sent. */
@Injectable()
export class ApplicationConfirmations {
  constructor(private readonly tenancy: Tenancy) {}

  /** By text for an applicant who prefers texts; undefined when there is nobody to write to (the application was removed, or no email or text can reach the person). */
  compose(organisationId: string, applicationId: string): Promise<EmailDelivery | TextDelivery | undefined> {
    return this.tenancy.run(organisationId, async (manager) => {
      const application = await manager.findOneBy(Application, { organisationId, id: applicationId });
      if (!application) return undefined;
      const person = await personById(manager, organisationId, application.personId);
      if (!person) return undefined;
      const byText = await prefersText(manager, organisationId, person);
      if (!person.email && !byText) return undefined;
      const intake = await manager.findOneByOrFail(Intake, { organisationId, id: application.intakeId });
      const programme = await manager.findOneByOrFail(Programme, { organisationId, id: intake.programmeId });
      const profile = (await organisationProfile(manager, organisationId))!;
      const organisation = { name: profile.name, time_zone: profile.timeZone };
      if (byText) {
        const facts = {
          person: { ...person, phone: person.phone! },
          reference: application.reference,
          title: intakeTitle(programme, intake),
          closes: longDate(intake.closesOn),
          organisationName: organisation.name,
        };
        return applicationConfirmationText(applicationConfirmationKey(application.id, person.phone!), APPLICATION_CONFIRMATION_JOB, facts);
      }
      if (!person.email) return undefined;
      return {
        key: applicationConfirmationKey(application.id, person.email),
        template: APPLICATION_CONFIRMATION_JOB,
        email: render({ application, person: { ...person, email: person.email }, intake, programme, organisation }),
      };
    });
  }
}

interface Facts {
  application: Application;
  person: Person & { email: string };
  intake: Intake;
  programme: Programme;
  organisation: { name: string; time_zone: string };
}

function render({ application, person, intake, programme, organisation }: Facts): EmailDelivery['email'] {
  const title = intakeTitle(programme, intake);
  const received = longDateTime(application.appliedAt, organisation.time_zone);
  const closes = longDate(intake.closesOn);
  const greeting = `Dear ${person.preferredName ?? person.name},`;
  const paragraphs = [
    `Thank you for applying to ${title} with ${organisation.name}. We received your application on ${received}.`,
    `Applications close on ${closes}. We'll be in touch after that about the next steps.`,
    `If you did not apply, or have changed your mind, reply to this email and we will remove your application.`,
  ];
  const reference = `Your reference: ${application.reference}. Quote it if you call or write to us.`;
  const text = [greeting, '', ...paragraphs.flatMap((p) => [p, '']), reference, '', `${organisation.name}`].join('\n');
  const html = [`<p>${escapeHtml(greeting)}</p>`, ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`), `<p>${escapeHtml(reference)}</p>`, `<p>${escapeHtml(organisation.name)}</p>`].join('');
  return { to: person.email, subject: `Thank you for applying to ${programme.name} with ${organisation.name}`, text, html };
}
