import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A login. Platform-wide: the same person may belong to several organisations through memberships. */
@Entity('users')
export class User {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('timestamptz', { name: 'password_changed_at', default: () => 'now()' })
  passwordChangedAt: Date;

  /** Sealed with the app secret (SecretBox), never stored in the clear. */
  @Column('text', { name: 'totp_secret', nullable: true, select: false })
  totpSecret: string | null;

  @Column('text', { name: 'totp_pending_secret', nullable: true, select: false })
  totpPendingSecret: string | null;

  @Column('timestamptz', { name: 'totp_enabled_at', nullable: true })
  totpEnabledAt: Date | null;

  @Column('text', { name: 'recovery_code_hashes', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
