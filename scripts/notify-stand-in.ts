import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface NotifyMessage {
  id: string;
  type: 'sms' | 'email';
  serviceId: string;
  to: string;
  templateId: string;
  reference: string | null;
  personalisation: Record<string, string>;
  /** What the person would read: the `message` personalisation, else the whole personalisation. */
  body: string;
  receivedAt: Date;
}

/** A key the stand-in accepts: `name-<service id>-<secret>`, as Notify issues them. */
export function notifyApiKey(name = 'steppingstone_test'): string {
  return `${name}-${randomUUID()}-${randomUUID()}`;
}

/** Notify refuses a token older (or newer) than this many seconds. */
const TOKEN_LEEWAY_SECONDS = 30;

/**
 * A local server answering GOV.UK Notify's API as Notify does, for `npm run demo`, the tests and the
 * benchmarks (so it lives beside the demo, which the tests import too): POST
 * /v2/notifications/sms and /email with a bearer JWT (HS256, `iss` the service id, `iat` within 30
 * seconds, signed with the key's secret), 201 with Notify's response shape, Notify's error shape
 * for 400, 403 and 429, and GET /v2/notifications by reference. It can be told to refuse (403) or throttle (429) the next requests, and it
 * sends delivery receipts to a callback URL the way Notify does.
 */
export class NotifyStandIn {
  readonly messages: NotifyMessage[] = [];
  /** Keys it accepts: the secret per service id. */
  private readonly keys = new Map<string, string>();
  private server?: Server;
  /** The next N sends answer 429 (Notify's rate limit) / 403 (a refused key). */
  throttleNext = 0;
  refuseNext = 0;
  /** Refuse every send with 403 while true (a revoked key). */
  refusing = false;
  requests = 0;
  /**
   * While set, each message is recorded (Notify has it) but not answered: the sender waits for the
   * 201. Held messages are the ones a crash of the sender catches mid-send.
   */
  holding = false;
  readonly held: Array<{ message: NotifyMessage; answer: () => void }> = [];
  port = 0;
  /** `print` shows each message as it arrives, as the demo's mail catcher shows each email. */
  constructor(private readonly print: boolean | ((line: string) => void) = false) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  accept(apiKey: string): void {
    this.keys.set(apiKey.slice(-73, -37), apiKey.slice(-36));
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  byReference(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.reference ?? '', (counts.get(m.reference ?? '') ?? 0) + 1);
    return counts;
  }

  /** Answers the held requests (to a sender that may be gone) and stops holding; the messages were recorded when they arrived. */
  releaseHeld(): NotifyMessage[] {
    this.holding = false;
    return this.held.splice(0).map(({ message, answer }) => {
      answer();
      return message;
    });
  }

  /** References that arrived more than once (duplicates) and expected ones that never arrived (missing). */
  tally(expected: Iterable<string>): { duplicates: number; missing: number } {
    const counts = this.byReference();
    let missing = 0;
    for (const reference of expected) if (!counts.has(reference)) missing += 1;
    const duplicates = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    return { duplicates, missing };
  }

  async waitForMessages(count: number, timeoutMs = 30_000): Promise<NotifyMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`The Notify stand-in received ${this.messages.length} of ${count} messages within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.messages;
  }

  /** A delivery receipt for a message, posted as Notify posts it: JSON with the bearer token. */
  async sendReceipt(callbackUrl: string, token: string, message: NotifyMessage, status: 'delivered' | 'permanent-failure' | 'temporary-failure' | 'technical-failure' = 'delivered'): Promise<number> {
    const now = new Date().toISOString();
    const response = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id: message.id,
        reference: message.reference,
        to: message.to,
        status,
        created_at: message.receivedAt.toISOString(),
        completed_at: now,
        sent_at: now,
        notification_type: message.type,
        template_id: message.templateId,
        template_version: 1,
      }),
    });
    return response.status;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const error = (status: number, name: string, message: string) => send(status, { status_code: status, errors: [{ error: name, message }] });
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const lookup = request.method === 'GET' && url.pathname === '/v2/notifications';
    const type = url.pathname === '/v2/notifications/sms' ? 'sms' : url.pathname === '/v2/notifications/email' ? 'email' : undefined;
    if (!lookup && (request.method !== 'POST' || !type)) return error(404, 'BadRequestError', 'Not found');
    if (!lookup) this.requests += 1;

    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return error(401, 'AuthError', 'Unauthorized: authentication token must be provided');
    const claims = decodeJwt(token);
    const secret = claims?.iss ? this.keys.get(claims.iss) : undefined;
    if (!claims?.iss || !secret) return error(403, 'AuthError', 'Invalid token: API key not found');
    if (!signedWith(token, secret)) return error(403, 'AuthError', 'Invalid token: signature, api token not found');
    if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > TOKEN_LEEWAY_SECONDS)
      return error(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds');
    if (lookup || !type) return send(200, { notifications: this.find(claims.iss, url.searchParams), links: { current: url.toString() } });
    if (this.refusing || this.refuseNext > 0) {
      this.refuseNext = Math.max(0, this.refuseNext - 1);
      return error(403, 'AuthError', 'Invalid token: API key revoked');
    }
    if (this.throttleNext > 0) {
      this.throttleNext -= 1;
      return error(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds');
    }

    let payload: { phone_number?: string; email_address?: string; template_id?: string; personalisation?: Record<string, string>; reference?: string };
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return error(400, 'BadRequestError', 'Invalid JSON');
    }
    const to = type === 'sms' ? payload.phone_number : payload.email_address;
    if (!to) return error(400, 'ValidationError', `${type === 'sms' ? 'phone_number' : 'email_address'} is a required property`);
    if (!payload.template_id) return error(400, 'ValidationError', 'template_id is a required property');
    const personalisation = payload.personalisation ?? {};
    const message: NotifyMessage = {
      id: randomUUID(),
      type,
      serviceId: claims.iss,
      to,
      templateId: payload.template_id,
      reference: payload.reference ?? null,
      personalisation,
      body: personalisation.message ?? JSON.stringify(personalisation),
      receivedAt: new Date(),
    };
    this.messages.push(message);
    if (this.print) {
      const heading = type === 'sms' ? `[text] to ${to}` : `[notify email] to ${to}: ${personalisation.subject ?? ''}`;
      (this.print === true ? console.log : this.print)(
        `\n${heading}\n${message.body
          .split('\n')
          .map((l) => `       ${l}`)
          .join('\n')}`,
      );
    }
    const template = { id: payload.template_id, version: 1, uri: `${this.url}/v2/template/${payload.template_id}` };
    const answer = () =>
      send(201, {
        id: message.id,
        reference: message.reference,
        content: type === 'sms' ? { body: message.body, from_number: 'Steppingstone' } : { body: message.body, subject: personalisation.subject ?? '', from_email: 'notify@example.gov.uk' },
        uri: `${this.url}/v2/notifications/${message.id}`,
        template,
        ...(type === 'email' ? { scheduled_for: null } : {}),
      });
    if (this.holding) this.held.push({ message, answer });
    else answer();
  }

  /** GET /v2/notifications as Notify answers it: the service's own messages, newest first, filtered by type and reference. */
  private find(serviceId: string, query: URLSearchParams): unknown[] {
    const type = query.get('template_type');
    const reference = query.get('reference');
    return this.messages
      .filter((m) => m.serviceId === serviceId && (!type || m.type === type) && (!reference || m.reference === reference))
      .reverse()
      .slice(0, 250)
      .map((m) => ({
        id: m.id,
        reference: m.reference,
        type: m.type,
        status: 'sending',
        ...(m.type === 'sms' ? { phone_number: m.to } : { email_address: m.to }),
        template: { id: m.templateId, version: 1, uri: `${this.url}/v2/template/${m.templateId}` },
        body: m.body,
        created_at: m.receivedAt.toISOString(),
      }));
  }
}

/** The claims of a JWT, unverified; undefined when it is not one. */
function decodeJwt(token: string): { iss?: string; iat?: number } | undefined {
  const [header, payload] = token.split('.');
  try {
    const alg = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg;
    return alg === 'HS256' ? JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** HS256, as Notify checks it: the signature over header and payload with the key's secret. */
function signedWith(token: string, secret: string): boolean {
  const [header, payload, signature = ''] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
