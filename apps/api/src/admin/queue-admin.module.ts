import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AppConfig, APP_CONFIG, QueueName, Tenancy } from '@steppingstone/core';
import { OrganisationsModule, Sessions } from '@steppingstone/organisations';
import { operatorGate } from './operator-gate';
import { SelfContainedBoardAdapter } from './self-contained-board-adapter';

export const QUEUE_ADMIN_ROUTE = '/admin/queues';

/**
 * bull-board at /admin/queues, over every queue in QueueName (a queue added there appears here
 * too), for platform operators only. Failed jobs can be retried from it.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [OrganisationsModule],
      inject: [Sessions, Tenancy, APP_CONFIG],
      useFactory: (sessions: Sessions, tenancy: Tenancy, config: AppConfig) => ({
        route: QUEUE_ADMIN_ROUTE,
        // @bull-board/express carries its own copy of @bull-board/api (one patch version apart), so
        // its class is the same shape under another declaration; the router is what is used.
        adapter: SelfContainedBoardAdapter as unknown as BullBoardModuleOptions['adapter'],
        boardOptions: { uiConfig: { boardTitle: 'Steppingstone queues' } },
        middleware: operatorGate(sessions, tenancy, config.OPERATOR_EMAILS),
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueAdminModule {}
