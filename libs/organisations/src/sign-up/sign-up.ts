import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { AuditLog, hashPassword, passwordProblems, QueueName, RequestTrace, Tenancy } from '@steppingstone/core';
import { OrganisationsError, OrganisationsErrorCode as Code } from '../organisations.error';

export interface SignUpCommand {
  organisationName: string;
  boroughCode: string;
  timeZone?: string;
  name: string;
  email: string;
  password: string;
}

export interface SignUpEmailJob {
  signUpRequestId: string;
}

export const SIGN_UP_EMAIL_JOB = 'sign-up';
export const SIGN_UP_TTL_HOURS = 24;

export const signUpEmailJobId = (requestId: string) => `sign-up-${requestId}`;

/**
 * Asks for a new organisation and its first admin. Nothing is created and nobody is signed in
 * until the link emailed to the address is used (VerifySignUp), so sign-up can neither enter nor
 * test an existing account. Every request is handled alike, known address or not (the password is
 * hashed, the request stored, the email job queued), so neither the answer nor its timing tells
 * whether an account exists; the worker decides what the email says.
 */
@Injectable()
export class SignUp {
  private readonly logger = new Logger(SignUp.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    @InjectQueue(QueueName.Email) private readonly emailQueue: Queue<SignUpEmailJob>,
  ) {}

  async run(command: SignUpCommand, trace: RequestTrace): Promise<void> {
    const requestId = await this.store(command, trace);
    // Enqueued after the request is stored; a lost job is found again by its unsent email_sent_at.
    await this.enqueueEmail(requestId).catch((error: Error) => this.logger.warn(`Sign-up request ${requestId} stored; its email will be sent by the reconciler (${error.message})`));
  }

  /** Stores the request (valid for SIGN_UP_TTL_HOURS) and returns its id; the email is someone else's concern. */
  async store(command: SignUpCommand, trace: RequestTrace): Promise<string> {
    const email = command.email.trim().toLowerCase();
    const problems = passwordProblems(command.password, email);
    if (problems.length) throw new OrganisationsError(Code.WeakPassword, problems.map((p) => p.message).join('; '), problems);
    const requestId = randomUUID();
    const passwordHash = await hashPassword(command.password);
    const expiresAt = new Date(Date.now() + SIGN_UP_TTL_HOURS * 3600_000);
    await this.tenancy.runPlatform(async (manager) => {
      await manager.query(`SELECT request_sign_up($1, $2, $3, $4, $5, $6, $7, $8)`, [
        requestId,
        email,
        command.name.trim(),
        command.organisationName.trim(),
        command.boroughCode.toUpperCase(),
        command.timeZone ?? 'Europe/London',
        passwordHash,
        expiresAt,
      ]);
      await this.audit.recordUnauthenticated(trace, null, null, { action: 'auth.sign-up.requested', entityType: 'sign-up-request', entityId: requestId, details: { email } }, manager);
    });
    return requestId;
  }

  enqueueEmail(requestId: string): Promise<unknown> {
    return this.emailQueue.add(SIGN_UP_EMAIL_JOB, { signUpRequestId: requestId }, { jobId: signUpEmailJobId(requestId) });
  }
}
