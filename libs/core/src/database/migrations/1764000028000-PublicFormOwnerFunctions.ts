import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { PublicFormFunctions1764000018100 } from './1764000018100-PublicFormFunctions';

/**
 * The public form's two one-round-trip functions (PublicFormFunctions) wrote people's, consents',
 * equality profiles', the audit log's and the outbox's rows themselves, against the rule that only a
 * table's owner writes it. Here each owner gets its own function, named after it, and recruitment's
 * functions (renamed `recruitment_…`) call them: the same writes in the same single round trip.
 *
 * Every function is plpgsql, whose statements keep their plans for the connection's life (a SQL-
 * language function that is not inlined is planned again at each call), runs as the caller
 * (SECURITY INVOKER) so row-level security applies as it does in a `Tenancy.run`, and is called
 * after the caller has scoped the transaction to the organisation.
 */
export const PUBLIC_FORM_OWNER_FUNCTIONS: Array<{ signature: string; body: string }> = [
  {
    signature: 'public.core_audit(uuid, uuid, text, text, text, text, text, jsonb)',
    body: `
      CREATE FUNCTION public.core_audit(p_organisation_id uuid, p_actor_user_id uuid, p_action text, p_entity_type text, p_entity_id text,
                                        p_request_id text, p_ip text, p_details jsonb)
      RETURNS void LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      BEGIN
        INSERT INTO public.audit_log (organisation_id, actor_user_id, action, entity_type, entity_id, request_id, ip, details)
        VALUES (p_organisation_id, p_actor_user_id, p_action, p_entity_type, p_entity_id, p_request_id, p_ip, p_details);
      END $$`,
  },
  {
    signature: 'public.core_outbox_stage(uuid, text, text, text, jsonb)',
    body: `
      CREATE FUNCTION public.core_outbox_stage(p_organisation_id uuid, p_queue text, p_job_name text, p_job_id text, p_payload jsonb)
      RETURNS void LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      BEGIN
        INSERT INTO public.outbox (organisation_id, queue, job_name, job_id, payload) VALUES (p_organisation_id, p_queue, p_job_name, p_job_id, p_payload);
      END $$`,
  },
  {
    // A new person from a form, with the consent to be contacted that the form recorded.
    signature: 'public.people_record_applicant(uuid, jsonb, text, text)',
    body: `
      CREATE FUNCTION public.people_record_applicant(p_organisation_id uuid, p_person jsonb, p_consent_wording text, p_consent_method text)
      RETURNS void LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        v_person uuid := (p_person->>'id')::uuid;
      BEGIN
        INSERT INTO public.people (organisation_id, id, name, preferred_name, email, phone, postcode, address, date_of_birth, contact_preferences)
        VALUES (p_organisation_id, v_person, p_person->>'name', p_person->>'preferredName', p_person->>'email', p_person->>'phone', p_person->>'postcode',
                p_person->>'address', (p_person->>'dateOfBirth')::date, ARRAY(SELECT jsonb_array_elements_text(p_person->'contactPreferences')));
        INSERT INTO public.consents (organisation_id, id, person_id, purpose, wording, method, given_at)
        VALUES (p_organisation_id, gen_random_uuid(), v_person, 'contact', p_consent_wording, p_consent_method, now());
      END $$`,
  },
  {
    signature: 'public.people_date_of_birth(uuid, uuid)',
    body: `
      CREATE FUNCTION public.people_date_of_birth(p_organisation_id uuid, p_person_id uuid)
      RETURNS date LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
      BEGIN
        RETURN (SELECT p.date_of_birth FROM public.people p WHERE p.organisation_id = p_organisation_id AND p.id = p_person_id);
      END $$`,
  },
  {
    // The answers replace the whole profile (a question left out is no longer answered), under the new consent.
    signature: 'public.people_record_equality_answers(uuid, uuid, date, jsonb, text, text)',
    body: `
      CREATE FUNCTION public.people_record_equality_answers(p_organisation_id uuid, p_person_id uuid, p_date_of_birth date, p_answers jsonb,
                                                            p_consent_wording text, p_consent_method text)
      RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        v_consent uuid := gen_random_uuid();
      BEGIN
        IF p_date_of_birth IS NOT NULL THEN
          UPDATE public.people SET date_of_birth = p_date_of_birth, updated_at = now(), version = version + 1 WHERE organisation_id = p_organisation_id AND id = p_person_id;
        END IF;
        INSERT INTO public.consents (organisation_id, id, person_id, purpose, wording, method, given_at)
        VALUES (p_organisation_id, v_consent, p_person_id, 'demographic-monitoring', p_consent_wording, p_consent_method, now());
        INSERT INTO public.demographic_profiles (organisation_id, person_id, consent_id, sex, age_band, gender_identity, gender_identity_other, sexual_orientation,
                                                 sexual_orientation_other, ethnicity, ethnicity_other, disability, religion, religion_other, updated_at)
        VALUES (p_organisation_id, p_person_id, v_consent, p_answers->>'sex', p_answers->>'ageBand', p_answers->>'genderIdentity', p_answers->>'genderIdentityOther',
                p_answers->>'sexualOrientation', p_answers->>'sexualOrientationOther', p_answers->>'ethnicity', p_answers->>'ethnicityOther', p_answers->>'disability',
                p_answers->>'religion', p_answers->>'religionOther', now())
        ON CONFLICT (organisation_id, person_id) DO UPDATE SET
          consent_id = excluded.consent_id, sex = excluded.sex, age_band = excluded.age_band, gender_identity = excluded.gender_identity,
          gender_identity_other = excluded.gender_identity_other, sexual_orientation = excluded.sexual_orientation, sexual_orientation_other = excluded.sexual_orientation_other,
          ethnicity = excluded.ethnicity, ethnicity_other = excluded.ethnicity_other, disability = excluded.disability, religion = excluded.religion,
          religion_other = excluded.religion_other, english_proficiency = NULL, main_language = NULL, lived_experience = NULL, updated_at = now();
        RETURN v_consent;
      END $$`,
  },
  {
    // What only the database knows is checked here: the intake is open (its row held until commit,
    // so it cannot close half-way), the partner code exists; a clash of the drawn reference is drawn again.
    signature: 'public.recruitment_submit_public_application(uuid, uuid, text, jsonb, text, uuid, text, timestamptz, jsonb, jsonb)',
    body: `
      CREATE FUNCTION public.recruitment_submit_public_application(
        p_organisation_id uuid, p_intake_id uuid, p_partner_code text, p_person jsonb, p_consent_wording text,
        p_application_id uuid, p_token_hash text, p_token_expires_at timestamptz, p_trace jsonb, p_outbox jsonb)
      RETURNS TABLE (o_outcome text, o_reference text, o_source text, o_partner_id uuid, o_intake_name text, o_intake_status text,
                     o_opens_on text, o_closes_on text, o_programme_name text)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        v_intake record;
        v_partner uuid;
        v_reference text;
        v_applied timestamptz;
        v_person uuid := (p_person->>'id')::uuid;
      BEGIN
        PERFORM pg_catalog.set_config('app.organisation_id', p_organisation_id::text, true);
        SELECT i.name, i.status, to_char(i.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(i.closes_on, 'YYYY-MM-DD') AS closes_on, p.name AS programme_name
          INTO v_intake
          FROM public.intakes i JOIN public.programmes p ON p.organisation_id = i.organisation_id AND p.id = i.programme_id
         WHERE i.organisation_id = p_organisation_id AND i.id = p_intake_id
           FOR SHARE OF i;
        IF NOT FOUND THEN
          o_outcome := 'not-found';
          RETURN NEXT;
          RETURN;
        END IF;
        o_intake_name := v_intake.name;
        o_intake_status := v_intake.status;
        o_opens_on := v_intake.opens_on;
        o_closes_on := v_intake.closes_on;
        o_programme_name := v_intake.programme_name;
        IF v_intake.status <> 'open' THEN
          o_outcome := 'not-open';
          RETURN NEXT;
          RETURN;
        END IF;
        IF p_partner_code IS NOT NULL THEN
          SELECT r.id INTO v_partner FROM public.referral_partners r WHERE r.organisation_id = p_organisation_id AND r.code = p_partner_code;
          IF NOT FOUND THEN
            o_outcome := 'unknown-partner';
            RETURN NEXT;
            RETURN;
          END IF;
        END IF;
        o_partner_id := v_partner;
        o_source := CASE WHEN v_partner IS NULL THEN 'self' ELSE 'referral' END;

        PERFORM public.people_record_applicant(p_organisation_id, p_person, p_consent_wording, 'online-form');
        FOR attempt IN 1..5 LOOP
          INSERT INTO public.applications AS a (organisation_id, id, intake_id, person_id, source, partner_id, channel)
          VALUES (p_organisation_id, p_application_id, p_intake_id, v_person, o_source, v_partner, 'online')
          ON CONFLICT (organisation_id, reference) DO NOTHING
          RETURNING a.reference, a.applied_at INTO v_reference, v_applied;
          EXIT WHEN v_reference IS NOT NULL;
        END LOOP;
        IF v_reference IS NULL THEN
          RAISE EXCEPTION 'No free application reference after 5 draws';
        END IF;
        INSERT INTO public.application_transitions (organisation_id, application_id, from_stage, to_stage, occurred_at)
        VALUES (p_organisation_id, p_application_id, NULL, 'applied', v_applied);
        INSERT INTO public.equality_step_tokens (organisation_id, application_id, token_hash, expires_at)
        VALUES (p_organisation_id, p_application_id, p_token_hash, p_token_expires_at);
        PERFORM public.core_audit(p_organisation_id, NULL, 'application.created', 'application', p_application_id::text, p_trace->>'requestId', p_trace->>'ip',
                jsonb_build_object('intakeId', p_intake_id, 'source', o_source, 'via', 'public-form', 'personId', v_person, 'partnerId', v_partner));
        IF p_outbox IS NOT NULL THEN
          PERFORM public.core_outbox_stage(p_organisation_id, p_outbox->>'queue', p_outbox->>'jobName', p_outbox->>'jobId', p_outbox->'payload');
        END IF;
        o_outcome := 'stored';
        o_reference := v_reference;
        RETURN NEXT;
      END $$`,
  },
  {
    // The answers arrive checked against the census lists; the token, and the age the census asked
    // two questions from, are checked here.
    signature: 'public.recruitment_submit_equality_answers(uuid, uuid, text, date, jsonb, text, jsonb)',
    body: `
      CREATE FUNCTION public.recruitment_submit_equality_answers(
        p_organisation_id uuid, p_intake_id uuid, p_token_hash text, p_date_of_birth date, p_answers jsonb, p_consent_wording text, p_trace jsonb)
      RETURNS TABLE (o_outcome text, o_person_id uuid, o_consent_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        v_step record;
        v_born date;
      BEGIN
        PERFORM pg_catalog.set_config('app.organisation_id', p_organisation_id::text, true);
        SELECT t.application_id, a.person_id INTO v_step
          FROM public.equality_step_tokens t
          JOIN public.applications a ON a.organisation_id = t.organisation_id AND a.id = t.application_id
         WHERE t.organisation_id = p_organisation_id AND t.token_hash = p_token_hash AND t.used_at IS NULL AND t.expires_at > now() AND a.intake_id = p_intake_id
           FOR UPDATE OF t;
        IF NOT FOUND THEN
          o_outcome := 'invalid';
          RETURN NEXT;
          RETURN;
        END IF;
        o_person_id := v_step.person_id;
        -- As the census asked them: gender identity and sexual orientation only of people aged 16 and over.
        IF p_answers->>'genderIdentity' IS NOT NULL OR p_answers->>'sexualOrientation' IS NOT NULL THEN
          v_born := coalesce(p_date_of_birth, public.people_date_of_birth(p_organisation_id, v_step.person_id));
          IF v_born IS NOT NULL AND v_born + interval '16 years' > current_date THEN
            o_outcome := 'under-16';
            RETURN NEXT;
            RETURN;
          END IF;
        END IF;
        UPDATE public.equality_step_tokens SET used_at = now() WHERE organisation_id = p_organisation_id AND application_id = v_step.application_id;
        o_consent_id := public.people_record_equality_answers(p_organisation_id, v_step.person_id, p_date_of_birth, p_answers, p_consent_wording, 'online-form');
        PERFORM public.core_audit(p_organisation_id, NULL, 'person.demographics.recorded', 'person', v_step.person_id::text, p_trace->>'requestId', p_trace->>'ip',
                jsonb_build_object('consentId', o_consent_id, 'answered', p_trace->'answered', 'via', 'public-form', 'applicationId', v_step.application_id));
        o_outcome := 'stored';
        RETURN NEXT;
      END $$`,
  },
];

export class PublicFormOwnerFunctions1764000028000 implements MigrationInterface {
  name = 'PublicFormOwnerFunctions1764000028000';

  async up(q: QueryRunner): Promise<void> {
    for (const { signature, body } of PUBLIC_FORM_OWNER_FUNCTIONS) {
      await q.query(body);
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_DATABASE_ROLE}`);
    }
    // What PublicFormFunctions created; the recruitment_ functions replace them.
    await q.query(`DROP FUNCTION public.submit_public_application(uuid, uuid, text, jsonb, text, uuid, text, timestamptz, jsonb, jsonb)`);
    await q.query(`DROP FUNCTION public.submit_equality_answers(uuid, uuid, text, date, jsonb, text, jsonb)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The earlier migration's up() recreates what this one dropped.
    await new PublicFormFunctions1764000018100().up(q);
    for (const { signature } of [...PUBLIC_FORM_OWNER_FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${signature}`);
  }
}
