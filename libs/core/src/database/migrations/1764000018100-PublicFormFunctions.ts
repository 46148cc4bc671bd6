import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * The public form is the busiest write of recruitment day (an event link takes a room's
 * applications over one connection). As a transaction of single-row statements an application cost
 * some fifteen round trips and its equality answers a dozen; each of these functions does the same
 * writes in one. They check nothing the API does not already check, except what only the database
 * knows at that moment: whether the intake is open (holding its row until commit, so it cannot
 * close half-way), whether the partner code exists, whether the token is live, and the person's age.
 *
 * Both run as the caller (SECURITY INVOKER) and scope themselves to the organisation, transaction-
 * locally, before touching anything, so row-level security applies to every row as it would in a
 * `tenancy.run`. Names are schema-qualified instead of a `SET search_path` clause, which would add
 * a configuration change to every call. A clash of the database-drawn reference is drawn again.
 */
export class PublicFormFunctions1764000018100 implements MigrationInterface {
  name = 'PublicFormFunctions1764000018100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION public.submit_public_application(
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

        INSERT INTO public.people (organisation_id, id, name, preferred_name, email, phone, postcode, address, date_of_birth, contact_preferences)
        VALUES (p_organisation_id, v_person, p_person->>'name', p_person->>'preferredName', p_person->>'email', p_person->>'phone', p_person->>'postcode',
                p_person->>'address', (p_person->>'dateOfBirth')::date, ARRAY(SELECT jsonb_array_elements_text(p_person->'contactPreferences')));
        INSERT INTO public.consents (organisation_id, id, person_id, purpose, wording, method, given_at)
        VALUES (p_organisation_id, gen_random_uuid(), v_person, 'contact', p_consent_wording, 'online-form', now());
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
        INSERT INTO public.audit_log (organisation_id, actor_user_id, action, entity_type, entity_id, request_id, ip, details)
        VALUES (p_organisation_id, NULL, 'application.created', 'application', p_application_id::text, p_trace->>'requestId', p_trace->>'ip',
                jsonb_build_object('intakeId', p_intake_id, 'source', o_source, 'via', 'public-form', 'personId', v_person, 'partnerId', v_partner));
        IF p_outbox IS NOT NULL THEN
          INSERT INTO public.outbox (organisation_id, queue, job_name, job_id, payload)
          VALUES (p_organisation_id, p_outbox->>'queue', p_outbox->>'jobName', p_outbox->>'jobId', p_outbox->'payload');
        END IF;
        o_outcome := 'stored';
        o_reference := v_reference;
        RETURN NEXT;
      END $$`);

    // The answers arrive checked against the census lists; what only the database knows is checked here.
    await q.query(`
      CREATE FUNCTION public.submit_equality_answers(
        p_organisation_id uuid, p_intake_id uuid, p_token_hash text, p_date_of_birth date, p_answers jsonb, p_consent_wording text, p_trace jsonb)
      RETURNS TABLE (o_outcome text, o_person_id uuid, o_consent_id uuid)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        v_step record;
        v_born date;
        v_consent uuid := gen_random_uuid();
      BEGIN
        PERFORM pg_catalog.set_config('app.organisation_id', p_organisation_id::text, true);
        SELECT t.application_id, a.person_id, p.date_of_birth INTO v_step
          FROM public.equality_step_tokens t
          JOIN public.applications a ON a.organisation_id = t.organisation_id AND a.id = t.application_id
          JOIN public.people p ON p.organisation_id = a.organisation_id AND p.id = a.person_id
         WHERE t.organisation_id = p_organisation_id AND t.token_hash = p_token_hash AND t.used_at IS NULL AND t.expires_at > now() AND a.intake_id = p_intake_id
           FOR UPDATE OF t;
        IF NOT FOUND THEN
          o_outcome := 'invalid';
          RETURN NEXT;
          RETURN;
        END IF;
        o_person_id := v_step.person_id;
        -- As the census asked them: gender identity and sexual orientation only of people aged 16 and over.
        v_born := coalesce(p_date_of_birth, v_step.date_of_birth);
        IF v_born IS NOT NULL AND v_born + interval '16 years' > current_date
           AND (p_answers->>'genderIdentity' IS NOT NULL OR p_answers->>'sexualOrientation' IS NOT NULL) THEN
          o_outcome := 'under-16';
          RETURN NEXT;
          RETURN;
        END IF;
        UPDATE public.equality_step_tokens SET used_at = now() WHERE organisation_id = p_organisation_id AND application_id = v_step.application_id;
        IF p_date_of_birth IS NOT NULL THEN
          UPDATE public.people SET date_of_birth = p_date_of_birth, updated_at = now(), version = version + 1 WHERE organisation_id = p_organisation_id AND id = v_step.person_id;
        END IF;
        INSERT INTO public.consents (organisation_id, id, person_id, purpose, wording, method, given_at)
        VALUES (p_organisation_id, v_consent, v_step.person_id, 'demographic-monitoring', p_consent_wording, 'online-form', now());
        INSERT INTO public.demographic_profiles (organisation_id, person_id, consent_id, sex, age_band, gender_identity, gender_identity_other, sexual_orientation,
                                                 sexual_orientation_other, ethnicity, ethnicity_other, disability, religion, religion_other, updated_at)
        VALUES (p_organisation_id, v_step.person_id, v_consent, p_answers->>'sex', p_answers->>'ageBand', p_answers->>'genderIdentity', p_answers->>'genderIdentityOther',
                p_answers->>'sexualOrientation', p_answers->>'sexualOrientationOther', p_answers->>'ethnicity', p_answers->>'ethnicityOther', p_answers->>'disability',
                p_answers->>'religion', p_answers->>'religionOther', now())
        ON CONFLICT (organisation_id, person_id) DO UPDATE SET
          consent_id = excluded.consent_id, sex = excluded.sex, age_band = excluded.age_band, gender_identity = excluded.gender_identity,
          gender_identity_other = excluded.gender_identity_other, sexual_orientation = excluded.sexual_orientation, sexual_orientation_other = excluded.sexual_orientation_other,
          ethnicity = excluded.ethnicity, ethnicity_other = excluded.ethnicity_other, disability = excluded.disability, religion = excluded.religion,
          religion_other = excluded.religion_other, english_proficiency = NULL, main_language = NULL, lived_experience = NULL, updated_at = now();
        INSERT INTO public.audit_log (organisation_id, actor_user_id, action, entity_type, entity_id, request_id, ip, details)
        VALUES (p_organisation_id, NULL, 'person.demographics.recorded', 'person', v_step.person_id::text, p_trace->>'requestId', p_trace->>'ip',
                jsonb_build_object('consentId', v_consent, 'answered', p_trace->'answered', 'via', 'public-form', 'applicationId', v_step.application_id));
        o_outcome := 'stored';
        o_consent_id := v_consent;
        RETURN NEXT;
      END $$`);
    for (const signature of [
      'public.submit_public_application(uuid, uuid, text, jsonb, text, uuid, text, timestamptz, jsonb, jsonb)',
      'public.submit_equality_answers(uuid, uuid, text, date, jsonb, text, jsonb)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_DATABASE_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.submit_equality_answers(uuid, uuid, text, date, jsonb, text, jsonb)`);
    await q.query(`DROP FUNCTION public.submit_public_application(uuid, uuid, text, jsonb, text, uuid, text, timestamptz, jsonb, jsonb)`);
  }
}
