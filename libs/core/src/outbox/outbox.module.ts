import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox';

/**
 * Global, like the queues it relays to: any domain lib can stage work in its own transaction
 * without importing this module. Needs QueuesModule and DatabaseModule in the application.
 */
@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}
