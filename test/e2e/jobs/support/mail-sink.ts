import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  to: string;
  messageId: string;
  raw?: Buffer;
}

/**
 * A real SMTP server for the reminder tests and benchmark. It reads only the headers it needs (so
 * ten thousand messages cost little next to the worker it measures) and can refuse for a while
 * with a temporary 451, as a mail server under load or in maintenance does.
 */
export class MailSink {
  readonly messages: SunkMessage[] = [];
  refusing = false;
  /** 451 (try again later) by default; a 5xx is a refusal retrying cannot change. */
  refusalCode = 451;
  refusals = 0;
  readonly errors: string[] = [];
  /**
   * While set, each message is read in full (the client has sent the final "." of DATA) but not
   * answered: the sender waits for the 250 that says the server has taken it. Held messages are
   * the ones a crash of the sender catches mid-send.
   */
  holding = false;
  readonly held: Array<SunkMessage & { answer: () => void }> = [];
  port = 0;
  private server?: SMTPServer;

  constructor(private readonly options: { keepRaw?: boolean } = {}) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      maxClients: 200,
      // A reverse DNS lookup per connection would measure the resolver, not the product.
      disableReverseLookup: true,
      onMailFrom: (_address, _session, callback) => {
        if (!this.refusing) return callback();
        this.refusals += 1;
        const message = this.refusalCode >= 500 ? 'Mailbox unavailable' : 'Try again later: the mail server is busy';
        callback(Object.assign(new Error(message), { responseCode: this.refusalCode }));
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const head = raw
            .subarray(0, Math.max(0, raw.indexOf('\r\n\r\n')))
            .toString('utf8')
            .replace(/\r\n[ \t]+/g, ' ');
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
          const message = { to: header('To').toLowerCase(), messageId: header('Message-ID'), raw: this.options.keepRaw ? raw : undefined };
          if (this.holding) return void this.held.push({ ...message, answer: () => callback() });
          this.messages.push(message);
          callback();
        });
      },
    });
    // A client killed mid-conversation (the worker-killed test) resets its socket; that is the test, not a fault.
    this.server.on('error', (error: Error) => this.errors.push(error.message));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /**
   * The held messages, taken as delivered and answered (to a sender that may be gone): a server
   * that has the whole message queues it whether or not its reply reaches the sender, which is
   * the worst a crash mid-send can meet.
   */
  deliverHeld(): SunkMessage[] {
    this.holding = false;
    return this.held.splice(0).map(({ answer, ...message }) => {
      this.messages.push(message);
      answer();
      return message;
    });
  }

  /** Messages per recipient, and per recipient the distinct Message-IDs. */
  tally(): { byRecipient: Map<string, number>; messageIds: Map<string, Set<string>> } {
    const byRecipient = new Map<string, number>();
    const messageIds = new Map<string, Set<string>>();
    for (const m of this.messages) {
      byRecipient.set(m.to, (byRecipient.get(m.to) ?? 0) + 1);
      if (!messageIds.has(m.to)) messageIds.set(m.to, new Set());
      messageIds.get(m.to)!.add(m.messageId);
    }
    return { byRecipient, messageIds };
  }

  async waitForRecipients(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.tally().byRecipient.size < count) {
      if (Date.now() > deadline) throw new Error(`Only ${this.tally().byRecipient.size} of ${count} recipients had email within ${timeoutMs} ms (${this.messages.length} messages)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
