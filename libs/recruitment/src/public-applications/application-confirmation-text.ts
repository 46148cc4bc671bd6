import { EntityManager } from 'typeorm';
import { TextDelivery, textsAvailable } from '@steppingstone/notifications';
import { Person } from '@steppingstone/people';

/** Whether the applicant asked for texts rather than email, has a number, and the organisation can send texts. */
export async function prefersText(manager: EntityManager, organisationId: string, person: Person): Promise<boolean> {
  const wantsText = person.contactPreferences.includes('sms') && !!person.phone;
  if (!wantsText || (person.email && person.contactPreferences.includes('email'))) return false;
  return textsAvailable(manager, organisationId);
}

/** The confirmation as a text: thanks, the short reference and when applications close. */
export function applicationConfirmationText(
  key: string,
  template: string,
  facts: { person: Person & { phone: string }; reference: string; title: string; closes: string; organisationName: string },
): TextDelivery {
  const name = facts.person.preferredName ?? facts.person.name;
  return {
    key,
    template,
    text: {
      to: facts.person.phone,
      message: `Hi ${name}, thank you for applying to ${facts.title}. Your reference is ${facts.reference}. Applications close on ${facts.closes}; we'll be in touch after that. ${facts.organisationName}`,
      personalisation: { name, reference: facts.reference, programme: facts.title, closes: facts.closes, organisation: facts.organisationName },
    },
  };
}
