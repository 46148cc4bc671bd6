import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig, limitInBytes } from '@steppingstone/core';
import { FieldModule, RECEIPT_TYPES } from '@steppingstone/field';
import { NotificationsModule } from '@steppingstone/notifications';
import { PlacementsModule } from '@steppingstone/placements';
import { RemindersModule } from '@steppingstone/reminders';
import { ActivityController } from './activity.controller';
import { ChecksController } from './checks.controller';
import { ExpensesController, RECEIPTS_PATH } from './expenses.controller';
import { MessagesController } from './messages.controller';
import { NotifyReceiptsController } from './notify-receipts.controller';
import { FieldSettingsController } from './settings.controller';

/** Activity, expenses, checks, coordinators' messages, and the Notify settings and receipts. */
@Module({
  imports: [FieldModule, NotificationsModule, PlacementsModule, RemindersModule],
  controllers: [ActivityController, ExpensesController, ChecksController, MessagesController, NotifyReceiptsController, FieldSettingsController],
})
export class FieldHttpModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The receipt route alone reads images, under its own limit; a body declared larger is refused before it is read. */
  configure(consumer: MiddlewareConsumer): void {
    const bytes = limitInBytes(this.config.RECEIPT_BODY_LIMIT);
    const refuseDeclaredSize = (request: Request, _response: Response, next: NextFunction) => {
      const declared = Number(request.headers['content-length']);
      next(
        Number.isFinite(declared) && declared > bytes
          ? Object.assign(new Error(`request entity too large (limit ${bytes} bytes)`), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' })
          : undefined,
      );
    };
    consumer.apply(refuseDeclaredSize, raw({ type: [...RECEIPT_TYPES], limit: bytes })).forRoutes({ path: RECEIPTS_PATH, method: RequestMethod.POST });
  }
}
