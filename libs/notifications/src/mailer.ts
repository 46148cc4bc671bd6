import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig, InjectConfig } from '@steppingstone/core';

export interface EmailAttachment {
  filename: string;
  content: string;
  /** With its parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  /** A stable Message-ID lets mail systems fold the copies should a message ever be sent twice. */
  messageId?: string;
}

export interface SentEmail {
  providerId: string;
}

/** Sends email over SMTP with nodemailer. Errors propagate, so the job that called it is retried. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.transport = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      // Reuses connections: a new one per message pays the server's greeting (and its early-talker
      // pause, 100 ms in smtp-server) every time, which capped a batch of reminders near 100 a second.
      pool: true,
      maxConnections: 8,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      // Bounded, so a send always ends well within the delivery log's claim (see DeliveryLog).
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: { rejectUnauthorized: config.NODE_ENV === 'production' },
    });
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, ...email });
    return { providerId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
