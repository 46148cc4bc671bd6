import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { TestEnvironment } from '../../../support/test-environment';
import { MailSink } from './mail-sink';

/** Rows as pg returns them, untyped: each test reads the columns it asserts on. */
const rowsOf = async (db: Client, text: string, values: unknown[]) => (await db.query(text, values)).rows;

export interface RemindersHarness {
  env: TestEnvironment;
  sink: MailSink;
  /** The database owner, for assertions the API does not expose (the delivery log's rows). */
  db: Client;
  reminders(): Queue;
  sql(text: string, values?: unknown[]): ReturnType<typeof rowsOf>;
}

/**
 * The real api and worker sending to an SMTP sink the test controls, started before a file's tests
 * and stopped after them. The fields are filled in by beforeAll, so read them inside tests.
 */
export function useRemindersHarness(sinkOptions: ConstructorParameters<typeof MailSink>[0] = {}): RemindersHarness {
  const harness = {
    reminders: () => harness.env.worker!.get<Queue>(getQueueToken('reminders')),
    sql: (text: string, values: unknown[] = []) => rowsOf(harness.db, text, values),
  } as RemindersHarness;
  beforeAll(async () => {
    harness.sink = await new MailSink(sinkOptions).start();
    harness.env = await TestEnvironment.start({ worker: true, env: { SMTP_PORT: String(harness.sink.port) } });
    harness.db = new Client({ connectionString: harness.env.databaseUrl });
    await harness.db.connect();
  });
  afterAll(async () => {
    await harness.db?.end();
    await harness.env?.close();
    await harness.sink?.stop();
  });
  return harness;
}
