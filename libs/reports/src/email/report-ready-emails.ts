import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig, Tenancy } from '@steppingstone/core';
import { DeliveryLog, escapeHtml, isPermanentDeliveryFailure } from '@steppingstone/notifications';
import { coordinatorAddresses, organisationProfile } from '@steppingstone/organisations';
import { describePeriod } from '../period/report-period';
import { kindText } from '../render/report-html';
import { ReportKind } from '../store/report-view';

export const REPORT_READY_TEMPLATE = 'report-ready';

export interface NotifyOutcome {
  recipients: number;
  sent: number;
  alreadySent: number;
  refused: number;
}

interface Facts {
  organisationName: string;
  timeZone: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  shared: boolean;
  completedAt: Date;
  recipients: Array<{ email: string; name: string }>;
}

/**
 * Tells the organisation's coordinators (and admins, who coordinate too) that a report is ready,
 * through the delivery log keyed per report and recipient: however often the job runs, each
 * person gets the email once. The email carries a link, never the figures.
 */
@Injectable()
export class ReportReadyEmails {
  private readonly logger = new Logger(ReportReadyEmails.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly deliveries: DeliveryLog,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async notify(organisationId: string, reportId: string): Promise<NotifyOutcome> {
    const facts = await this.facts(organisationId, reportId);
    const outcome: NotifyOutcome = { recipients: facts?.recipients.length ?? 0, sent: 0, alreadySent: 0, refused: 0 };
    if (!facts) return outcome;
    let retry: unknown;
    for (const recipient of facts.recipients) {
      try {
        const result = await this.deliveries.deliverEmail(organisationId, {
          key: `${REPORT_READY_TEMPLATE}:${reportId}:${recipient.email.toLowerCase()}`,
          template: REPORT_READY_TEMPLATE,
          email: { to: recipient.email, ...this.compose(reportId, recipient.name, facts) },
        });
        if (result.status === 'sent') outcome.sent += 1;
        else outcome.alreadySent += 1;
      } catch (error) {
        // One mailbox refusing for good must not keep the others from hearing; anything else is retried.
        if (isPermanentDeliveryFailure(error)) {
          outcome.refused += 1;
          this.logger.warn({ organisationId, reportId, err: error }, 'a coordinator’s mail server refused the report email');
        } else retry ??= error;
      }
    }
    if (retry) throw retry;
    return outcome;
  }

  private async facts(organisationId: string, reportId: string): Promise<Facts | undefined> {
    return this.tenancy.run(organisationId, async (manager) => {
      const [report] = await manager.query(
        `SELECT kind, to_char(period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(period_to, 'YYYY-MM-DD') AS "periodTo", shared, completed_at AS "completedAt"
           FROM reports WHERE organisation_id = $1 AND id = $2 AND status = 'done'`,
        [organisationId, reportId],
      );
      const organisation = report && (await organisationProfile(manager, organisationId));
      if (!organisation) return undefined;
      const recipients = await coordinatorAddresses(manager, organisationId);
      return { ...report, organisationName: organisation.name, timeZone: organisation.timeZone, recipients };
    });
  }

  private compose(reportId: string, name: string, facts: Facts): { subject: string; text: string; html: string } {
    const period = describePeriod({ from: facts.periodFrom, to: facts.periodTo });
    const link = `${this.config.PUBLIC_URL}/reports/${reportId}`;
    const download = (format: string) => `${this.config.PUBLIC_URL}/reports/${reportId}/download?format=${format}`;
    const produced = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: facts.timeZone }).format(facts.completedAt);
    const audience = facts.shared
      ? 'It is the version for sharing outside the organisation: small counts are withheld.'
      : 'It is the internal version, with every count shown: please do not share it outside the organisation.';
    const subject = `${kindText(facts.kind)} for ${facts.organisationName} is ready: ${period}`;
    const text = [
      `Hello ${name},`,
      ``,
      `The ${kindText(facts.kind).toLowerCase()} for ${facts.organisationName}, covering ${period}, was produced on ${produced} (${facts.timeZone}).`,
      audience,
      ``,
      `See it here: ${link}`,
      `PDF: ${download('pdf')}`,
      `Web page: ${download('html')}`,
      `CSV: ${download('csv')}`,
      ``,
      `You are receiving this because you coordinate programmes at ${facts.organisationName} on Steppingstone.`,
    ].join('\n');
    const html = `<p>Hello ${escapeHtml(name)},</p><p>The ${escapeHtml(kindText(facts.kind).toLowerCase())} for <strong>${escapeHtml(facts.organisationName)}</strong>, covering ${escapeHtml(period)}, was produced on ${escapeHtml(produced)} (${escapeHtml(facts.timeZone)}).</p><p>${escapeHtml(audience)}</p><p><a href="${escapeHtml(link)}">See the report</a> · <a href="${escapeHtml(download('pdf'))}">PDF</a> · <a href="${escapeHtml(download('html'))}">web page</a> · <a href="${escapeHtml(download('csv'))}">CSV</a></p>`;
    return { subject, text, html };
  }
}
