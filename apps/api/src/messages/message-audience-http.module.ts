import { Module } from '@nestjs/common';
import { MessageAudiences } from '@steppingstone/reminders';
import { MessageAudienceController } from './message-audience.controller';

/** The preview of a coordinator's message (the sending itself is in field/messages.controller.ts). */
@Module({
  providers: [MessageAudiences],
  controllers: [MessageAudienceController],
})
export class MessageAudienceHttpModule {}
