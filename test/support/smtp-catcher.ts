import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server inside the test: what the product sends arrives here and is parsed. */
export class SmtpCatcher {
  readonly messages: ParsedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) =>
      JSON.stringify(m.to ?? '')
        .toLowerCase()
        .includes(address.toLowerCase()),
    );
  }

  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.to(address).length >= count) return this.to(address);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`No email to ${address} within ${timeoutMs} ms (got ${this.messages.length} in all)`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
