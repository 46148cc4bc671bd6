import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { escapeHtml, Mailer } from '@steppingstone/notifications';
import { SignUp } from './sign-up';
import { signUpToken } from './sign-up-token';

interface RequestForEmail {
  email: string;
  organisation_name: string;
  expires_at: Date;
  email_sent_at: Date | null;
  account_exists: boolean;
}

/**
 * The sign-up email, sent by the worker; idempotent (a request already emailed, used or expired is
 * skipped). A new address gets the link that finishes sign-up; an address that has an account gets
 * a note that someone tried, with nothing the person who tried chose (no organisation name), so the
 * form cannot be used to send someone else words of its choosing.
 */
@Injectable()
export class SignUpEmails {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly mailer: Mailer,
    private readonly signUp: SignUp,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(requestId: string): Promise<'sent' | 'skipped'> {
    const [request]: RequestForEmail[] = await this.tenancy.runPlatform((m) => m.query(`SELECT * FROM sign_up_request_for_email($1)`, [requestId]));
    if (!request || request.email_sent_at) return 'skipped';
    await this.mailer.send(request.account_exists ? this.someoneTried(request) : this.verification(requestId, request));
    await this.tenancy.runPlatform((m) => m.query(`SELECT mark_sign_up_email_sent($1)`, [requestId]));
    return 'sent';
  }

  /** Re-enqueues requests whose email never went (a lost job, Redis restarted). */
  async reconcile(): Promise<number> {
    const unsent: Array<{ id: string }> = await this.tenancy.runPlatform((m) => m.query(`SELECT u AS id FROM unsent_sign_up_requests() u`));
    for (const row of unsent) await this.signUp.enqueueEmail(row.id);
    return unsent.length;
  }

  private verification(requestId: string, request: RequestForEmail) {
    const token = signUpToken(this.config.APP_SECRET, requestId);
    const link = `${this.config.PUBLIC_URL}/verify-sign-up?token=${encodeURIComponent(token)}`;
    const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(request.expires_at);
    const text = [
      `Hello,`,
      ``,
      `Someone, we hope you, asked to create ${request.organisation_name} on Steppingstone with this email address.`,
      ``,
      `To finish, open this link and choose "Create my organisation":`,
      link,
      ``,
      `Your sign-up token (if the link does not open): ${token}`,
      ``,
      `The link works once, until ${expires} (UK time). If it was not you, ignore this email: nothing is created without it.`,
    ].join('\n');
    const html = `<p>Hello,</p><p>Someone, we hope you, asked to create <strong>${escapeHtml(request.organisation_name)}</strong> on Steppingstone with this email address.</p><p><a href="${escapeHtml(link)}">Finish creating your organisation</a></p><p>The link works once, until ${escapeHtml(expires)} (UK time). If it was not you, ignore this email: nothing is created without it.</p>`;
    return { to: request.email, subject: 'Confirm your email address to finish signing up to Steppingstone', text, html };
  }

  private someoneTried(request: RequestForEmail) {
    const signIn = `${this.config.PUBLIC_URL}/sign-in`;
    const text = [
      `Hello,`,
      ``,
      `Someone tried to sign up to Steppingstone with this email address, which already has an account. Nothing was created and your account has not changed.`,
      ``,
      `If it was you, sign in instead: ${signIn}`,
      `If it was not you, you need do nothing.`,
    ].join('\n');
    const html = `<p>Hello,</p><p>Someone tried to sign up to Steppingstone with this email address, which already has an account. Nothing was created and your account has not changed.</p><p>If it was you, <a href="${escapeHtml(signIn)}">sign in instead</a>. If it was not you, you need do nothing.</p>`;
    return { to: request.email, subject: 'Someone tried to sign up to Steppingstone with your email address', text, html };
  }
}
