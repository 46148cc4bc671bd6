import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, hashToken, InjectConfig, queryPrepared, RequestTrace, Role, Tenancy } from '@steppingstone/core';
import { Session } from '../entities';
import type { AccountView } from './account';
import { newSessionToken, organisationOfToken } from './session-token';

/** What a valid session tells the api about the caller. */
export interface AuthenticatedSession {
  sessionId: string;
  userId: string;
  organisationId: string;
  role: Role;
  secondFactorVerified: boolean;
  totpEnabled: boolean;
  secondFactorRequired: boolean;
}

/** A live session together with what `GET /auth/me` shows of it, read in the same statement. */
export interface AuthenticatedSessionWithAccount extends AuthenticatedSession {
  account: AccountView;
}

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Touching last_seen_at on every request would write on every read; once a minute is precise enough. */
const TOUCH_AFTER_SECONDS = 60;

@Injectable()
export class Sessions {
  constructor(
    private readonly tenancy: Tenancy,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(manager: EntityManager, input: { organisationId: string; userId: string; secondFactorVerified: boolean; trace: RequestTrace }): Promise<NewSession> {
    const token = newSessionToken(input.organisationId);
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.SESSION_ABSOLUTE_HOURS * 3600_000);
    await manager.insert(Session, {
      organisationId: input.organisationId,
      id: sessionId,
      userId: input.userId,
      tokenHash: hashToken(token),
      secondFactorVerified: input.secondFactorVerified,
      expiresAt,
      ip: input.trace.ip ?? null,
      userAgent: input.trace.userAgent?.slice(0, 300) ?? null,
    });
    return { token, sessionId, expiresAt };
  }

  /**
   * Finds a live session for a token: not revoked, within its absolute and idle timeouts, and its
   * membership still active. Runs on every authenticated request, so it is one round trip: the
   * database function scopes itself to the token's organisation (see the SessionLookup migration).
   */
  async authenticate(token: string): Promise<AuthenticatedSession | undefined> {
    const found = await this.lookUp('authenticate_session', token);
    return found && sessionOf(found.organisationId, found.row);
  }

  /**
   * The same check, also returning the user, the organisation and the user's active memberships, so
   * that reading one's own account is still one round trip (see the SessionLookupProfile migration).
   * Nothing is cached between requests: a revoked session is refused on the next one.
   */
  async authenticateWithAccount(token: string): Promise<AuthenticatedSessionWithAccount | undefined> {
    const found = await this.lookUp('authenticate_session_profile', token);
    if (!found) return undefined;
    const { organisationId, row } = found;
    const session = sessionOf(organisationId, row);
    return {
      ...session,
      account: {
        user: { id: session.userId, email: row.email as string, name: row.name as string, secondFactorEnabled: session.totpEnabled },
        organisation: row.organisation as AccountView['organisation'],
        role: session.role,
        memberships: row.memberships as AccountView['memberships'],
      },
    };
  }

  private async lookUp(fn: 'authenticate_session' | 'authenticate_session_profile', token: string): Promise<{ organisationId: string; row: SessionRow } | undefined> {
    const organisationId = organisationOfToken(token);
    if (!organisationId) return undefined;
    // Runs on every request: straight to the pool (a TypeORM query runner cost about 0.1 ms more CPU
    // per request under load, more than the query itself).
    const rows = await queryPrepared<SessionRow>(this.dataSource, {
      name: fn,
      text: `SELECT ${SESSION_COLUMNS[fn]} FROM ${fn}($1, $2, $3, $4)`,
      values: [organisationId, hashToken(token), this.config.SESSION_IDLE_MINUTES, TOUCH_AFTER_SECONDS],
    });
    return rows[0] && { organisationId, row: rows[0] };
  }

  async revoke(manager: EntityManager, organisationId: string, sessionId: string, reason: string): Promise<void> {
    await manager.update(Session, { organisationId, id: sessionId }, { revokedAt: () => 'now()', revokedReason: reason });
  }

  /** Ends a user's sessions in one organisation (membership disabled or removed). */
  async revokeMembershipSessions(manager: EntityManager, organisationId: string, userId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = $3 WHERE organisation_id = $1 AND user_id = $2 AND revoked_at IS NULL`, [organisationId, userId, reason]);
  }

  /** Ends a user's sessions in every organisation (password changed). Needs a manager scoped to that user. */
  async revokeAllOfUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, reason]);
  }

  async markSecondFactorVerified(manager: EntityManager, organisationId: string, sessionId: string): Promise<void> {
    await manager.update(Session, { organisationId, id: sessionId }, { secondFactorVerified: true });
  }

  /** Housekeeping: sessions past their absolute expiry or revoked over a day ago are of no further use. */
  async purgeExpired(organisationId: string): Promise<number> {
    return this.tenancy.run(organisationId, async (manager) => {
      const result = await manager.query(`DELETE FROM sessions WHERE organisation_id = $1 AND (expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day')`, [organisationId]);
      return (result[1] as number) ?? 0;
    });
  }
}

type SessionRow = Record<string, unknown>;

const SESSION = 'session_id, user_id, second_factor_verified, role, totp_enabled, second_factor_required';
const SESSION_COLUMNS = { authenticate_session: SESSION, authenticate_session_profile: `${SESSION}, email, name, organisation, memberships` } as const;

function sessionOf(organisationId: string, row: SessionRow): AuthenticatedSession {
  return {
    sessionId: row.session_id as string,
    userId: row.user_id as string,
    organisationId,
    role: row.role as Role,
    secondFactorVerified: row.second_factor_verified as boolean,
    totpEnabled: row.totp_enabled as boolean,
    secondFactorRequired: row.second_factor_required as boolean,
  };
}
