import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * Alternates for a selection (ordered, sized from the organisation's own drop-out history, with
 * the quotas at risk), and each replacement made from them: who declined, who was offered the
 * place, whether every quota held and why.
 */
export class SelectionAlternates1764000023200 implements MigrationInterface {
  name = 'SelectionAlternates1764000023200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE selections ADD COLUMN alternates jsonb`);
    await q.query(`
      CREATE TABLE selection_replacements (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        selection_id uuid NOT NULL,
        declined_application_id uuid NOT NULL,
        offered_application_id uuid NOT NULL,
        keeps_quotas boolean NOT NULL,
        broken_quotas jsonb NOT NULL,
        quotas jsonb NOT NULL,
        reason text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, selection_id) REFERENCES selections (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, declined_application_id) REFERENCES applications (organisation_id, id),
        FOREIGN KEY (organisation_id, offered_application_id) REFERENCES applications (organisation_id, id),
        UNIQUE (organisation_id, selection_id, declined_application_id),
        UNIQUE (organisation_id, selection_id, offered_application_id)
      )`);
    await q.query(`CREATE INDEX selection_replacements_selection_idx ON selection_replacements (organisation_id, selection_id, created_at)`);
    await enableTenantRowSecurity(q, 'selection_replacements');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON selection_replacements TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE selection_replacements`);
    await q.query(`ALTER TABLE selections DROP COLUMN alternates`);
  }
}
