import { Injectable } from '@nestjs/common';
import { NotifyClient } from 'notifications-node-client';
import { AppConfig, InjectConfig } from '@steppingstone/core';
import { OutgoingText, SentMessage } from '../channels';
import { OutgoingEmail } from '../mailer';
import { NotifyNotConfigured, NotifyRefusal } from './notify-error';
import { NotifyCredentials } from './notify-settings';
import { NotifyTemplateKind } from './notify-templates';

/** Bounded, so a send always ends well within the delivery log's claim (see DeliveryLog). */
const REQUEST_TIMEOUT_MS = 15_000;

interface RestRequest {
  method: string;
  url: string;
  data?: unknown;
  headers: Record<string, string>;
}

/**
 * The client's HTTP calls through Node's own fetch: connections are kept alive, every call has a
 * time limit, and Notify's error body becomes a NotifyRefusal the delivery log can record.
 */
async function restClient(request: RestRequest): Promise<{ status: number; data: unknown }> {
  const response = await fetch(request.url, {
    method: request.method.toUpperCase(),
    headers: { ...request.headers, ...(request.data === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: request.data === undefined ? undefined : JSON.stringify(request.data),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): kept as text for the error message.
  }
  if (!response.ok) {
    const errors = (data as { errors?: Array<{ error: string; message: string }> } | undefined)?.errors;
    throw new NotifyRefusal(response.status, Array.isArray(errors) ? errors : [{ error: 'HTTPError', message: String(text).slice(0, 200) }]);
  }
  return { status: response.status, data };
}

/**
 * GOV.UK Notify through its own client, one per key. Each message carries the delivery log's
 * natural key as its `reference`, which Notify hands back in the delivery receipt.
 */
@Injectable()
export class NotifyGateway {
  private readonly clients = new Map<string, NotifyClient>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  async sendText(credentials: NotifyCredentials, kind: string, text: OutgoingText, reference: string): Promise<SentMessage> {
    const templateId = this.template(credentials, kind, 'sms');
    const response = await this.client(credentials.apiKey).sendSms(templateId, text.to, { personalisation: { ...text.personalisation, message: text.message }, reference });
    return { providerId: (response.data as { id: string }).id };
  }

  async sendEmail(credentials: NotifyCredentials, kind: string, email: Omit<OutgoingEmail, 'messageId'>, reference: string): Promise<SentMessage> {
    const templateId = this.template(credentials, kind, 'email');
    const response = await this.client(credentials.apiKey).sendEmail(templateId, email.to, { personalisation: { subject: email.subject, message: email.text }, reference });
    return { providerId: (response.data as { id: string }).id };
  }

  /**
   * Notify's id for a message it already holds under this reference, if any: asked before sending a
   * key again whose earlier attempt may have reached Notify without its answer reaching the log
   * (a worker killed mid-send, a timeout), so the person gets the text once.
   */
  async findByReference(credentials: NotifyCredentials, type: 'sms' | 'email', reference: string): Promise<string | undefined> {
    const response = await this.client(credentials.apiKey).getNotifications(type, undefined, reference);
    const notifications = (response.data as { notifications?: Array<{ id: string; reference: string | null }> }).notifications ?? [];
    return notifications.find((n) => n.reference === reference)?.id;
  }

  private template(credentials: NotifyCredentials, kind: string, channel: 'sms' | 'email'): string {
    const id = credentials.templates[kind as NotifyTemplateKind]?.[channel];
    if (!id) throw new NotifyNotConfigured(`No Notify ${channel === 'sms' ? 'text' : 'email'} template is set for ${kind}`);
    return id;
  }

  private client(apiKey: string): NotifyClient {
    let client = this.clients.get(apiKey);
    if (!client) {
      client = new NotifyClient(this.config.NOTIFY_BASE_URL, apiKey);
      client.setClient(restClient as never);
      this.clients.set(apiKey, client);
    }
    return client;
  }
}
