import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecords } from '@steppingstone/core';
import { forgetExports, removeSpecialCategoryData } from './personal-traces';

/** The name an anonymised record shows, so a list makes plain why it has none. */
export const ANONYMISED_NAME = 'Anonymised person';

/**
 * Anonymisation keeps the person's rows (applications with their stage history, enrolments,
 * attendance, withdrawals and their reasons, placements, jobs and sustainment checks, consents as
 * evidence) so every count and funnel figure stays as it was, and removes what identifies them:
 * name, contact details, postcode and postal address, the day and month of birth, free-text notes, the link to a
 * sign-in, the demographic profile (special-category data), their address in the delivery log and
 * any finished export of their record. What other libs hold is cleared by their person-records
 * handlers, each in its own lib.
 * The locality stays: an area of tens of thousands of residents, which the drop-out and funnel
 * figures are broken down by.
 */
@Injectable()
export class AnonymisePerson {
  constructor(private readonly records: PersonRecords) {}

  /**
   * Inside the caller's tenant transaction. Returns false, changing nothing, when the person was
   * anonymised already (or is gone), so a rerun of the retention job does no work twice.
   */
  async within(manager: EntityManager, organisationId: string, personId: string): Promise<boolean> {
    const [person]: Array<{ email: string | null }> = await manager.query(`SELECT email FROM people WHERE organisation_id = $1 AND id = $2 AND anonymised_at IS NULL FOR UPDATE`, [
      organisationId,
      personId,
    ]);
    if (!person) return false;
    await this.records.anonymised(manager, organisationId, { id: personId, email: person.email });
    await forgetExports(manager, organisationId, personId);
    await removeSpecialCategoryData(manager, organisationId, personId);
    // The year of birth is kept, as mid-year, so ages (and age bands) stay right to within a year.
    await manager.query(
      `UPDATE people SET name = $3, preferred_name = NULL, email = NULL, phone = NULL, postcode = NULL, address = NULL,
              date_of_birth = make_date(date_part('year', date_of_birth)::int, 7, 1),
              contact_preferences = '{}', user_id = NULL, anonymised_at = now(), updated_at = now(), version = version + 1
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, personId, ANONYMISED_NAME],
    );
    return true;
  }
}
