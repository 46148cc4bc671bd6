import { Body, Controller, Headers, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@steppingstone/core';
import { DeliveryLog, NotifySettings } from '@steppingstone/notifications';
import { UuidParam } from '../validation';
import { NotifyReceiptDto } from './notify-settings.dto';

const NOT_HERE = () =>
  new NotFoundException({
    message: 'No delivery receipts are taken here',
    details: [{ field: 'organisationId', rule: 'callbackSetUp', message: 'no Notify callback with this token is set up here' }],
  });

/**
 * GOV.UK Notify's delivery receipts. Notify sends the organisation's callback token as a bearer
 * token; a wrong or missing one is answered like an unknown address, so the endpoint says nothing
 * about which organisations exist.
 */
@ApiTags('notify')
@Controller('notify')
export class NotifyReceiptsController {
  constructor(
    private readonly settings: NotifySettings,
    private readonly deliveries: DeliveryLog,
  ) {}

  @Post(':organisationId/delivery-receipts')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'Recorded on the delivery (or about a message this log never sent, which Notify need not send again)' })
  @ApiNotFoundResponse({ description: 'No callback with this bearer token is set up for the organisation' })
  @ApiOperation({
    summary: 'Delivery receipts from GOV.UK Notify, checked by the organisation’s callback token (Authorization: Bearer)',
    description: 'Matched to the delivery by reference (the delivery log’s key) and Notify’s id.',
  })
  async receive(@UuidParam('organisationId') organisationId: string, @Headers('authorization') authorization: string | undefined, @Body() body: NotifyReceiptDto): Promise<void> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token || !(await this.settings.callbackTokenMatches(organisationId, token).catch(() => false))) throw NOT_HERE();
    if (!body.reference) return;
    await this.deliveries.recordReceipt(organisationId, {
      reference: body.reference,
      providerId: body.id,
      status: body.status,
      at: new Date(body.completed_at ?? body.sent_at ?? body.created_at ?? Date.now()),
    });
  }
}
