import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { connect, Socket } from 'node:net';
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

const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * A TCP connection with Nagle's algorithm off. nodemailer writes a message in several small pieces
 * and then waits for the server's reply; with Nagle on, the last piece waits for the server's
 * delayed ACK (40 ms on Linux), which held each pooled connection to about 20 messages a second.
 * nodemailer takes an open socket through `getSocket` and still does TLS (implicit or STARTTLS) on it.
 */
function openSocket(host: string, port: number, timeoutMs: number, callback: (error: Error | null, socketOptions?: { connection: Socket }) => void): void {
  const socket = connect({ host, port, noDelay: true });
  let settled = false;
  const fail = (error: Error) => {
    socket.destroy();
    if (settled) return;
    settled = true;
    callback(error);
  };
  socket.setTimeout(timeoutMs, () => fail(Object.assign(new Error(`Connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' })));
  socket.once('error', fail);
  socket.once('connect', () => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.removeListener('error', fail);
    socket.setKeepAlive(true);
    callback(null, { connection: socket });
  });
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
      maxConnections: config.SMTP_MAX_CONNECTIONS,
      // nodemailer's default (100) reconnects often, and each new connection pays the greeting again.
      maxMessages: config.SMTP_MAX_MESSAGES,
      getSocket: (options, callback) => openSocket(options.host ?? config.SMTP_HOST, options.port ?? config.SMTP_PORT, CONNECTION_TIMEOUT_MS, callback),
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      // Bounded, so a send always ends well within the delivery log's claim (see DeliveryLog).
      connectionTimeout: CONNECTION_TIMEOUT_MS,
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
