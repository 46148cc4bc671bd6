import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { escapeHtml, Mailer } from '@steppingstone/notifications';
import { Invitation, Organisation, User } from '../entities';
import { invitationToken } from './invitation-token';
import { Invitations, invitationStatus } from './invitations';

/** The invitation email, sent by the worker; idempotent (an invitation already emailed is skipped). */
@Injectable()
export class InvitationEmails {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly mailer: Mailer,
    private readonly invitations: Invitations,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async send(organisationId: string, invitationId: string): Promise<'sent' | 'skipped'> {
    const loaded = await this.tenancy.run(organisationId, async (manager) => {
      const invitation = await manager.findOneBy(Invitation, { organisationId, id: invitationId });
      if (!invitation || invitation.emailSentAt || invitationStatus(invitation) !== 'pending') return undefined;
      const organisation = await manager.findOneByOrFail(Organisation, { id: organisationId });
      const inviter = await manager.findOneBy(User, { id: invitation.invitedBy });
      return { invitation, organisation, inviterName: inviter?.name ?? 'An administrator' };
    });
    if (!loaded) return 'skipped';
    const { invitation, organisation, inviterName } = loaded;
    const token = invitationToken(this.config.APP_SECRET, organisationId, invitationId);
    const link = `${this.config.PUBLIC_URL}/accept-invitation?token=${encodeURIComponent(token)}`;
    const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: organisation.timeZone }).format(invitation.expiresAt);
    const text = [
      `Hello,`,
      ``,
      `${inviterName} has invited you to join ${organisation.name} on Steppingstone as ${article(invitation.role)} ${invitation.role}.`,
      ``,
      `Accept the invitation and choose a password here:`,
      link,
      ``,
      `Your invitation token (if the link does not open): ${token}`,
      ``,
      `The invitation can be used once and expires on ${expires}.`,
      `If you were not expecting it, you can ignore this email.`,
    ].join('\n');
    const html = `<p>Hello,</p><p>${escapeHtml(inviterName)} has invited you to join <strong>${escapeHtml(organisation.name)}</strong> on Steppingstone as ${article(invitation.role)} ${escapeHtml(invitation.role)}.</p><p><a href="${escapeHtml(link)}">Accept the invitation</a></p><p>The invitation can be used once and expires on ${escapeHtml(expires)}.</p>`;
    await this.mailer.send({ to: invitation.email, subject: `You're invited to join ${organisation.name} on Steppingstone`, text, html });
    await this.tenancy.run(organisationId, (m) => m.update(Invitation, { organisationId, id: invitationId }, { emailSentAt: () => 'now()' }));
    return 'sent';
  }

  /** Re-enqueues pending invitations whose email never went (a lost job, Redis restarted). */
  async reconcile(organisationId: string): Promise<number> {
    const unsent = await this.tenancy.run(organisationId, (manager) =>
      manager
        .createQueryBuilder(Invitation, 'i')
        .where(
          `i.organisation_id = :organisationId AND i.email_sent_at IS NULL AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AND i.created_at < now() - interval '1 minute'`,
          { organisationId },
        )
        .getMany(),
    );
    for (const invitation of unsent) await this.invitations.enqueueEmail(invitation);
    return unsent.length;
  }
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? 'an' : 'a';
}
