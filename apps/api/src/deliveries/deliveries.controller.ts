import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Deliveries, RetryDelivery } from '@steppingstone/notifications';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { DeliveryFilterDto } from './deliveries.dto';
import { DeliveryPageView, DeliveryView } from './deliveries-views.dto';

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: Deliveries,
    private readonly retryDelivery: RetryDelivery,
  ) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The delivery log (emails and reminders), most recently changed first; ?status=failed for those that gave up' })
  @ApiOkResponse({ type: DeliveryPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: DeliveryFilterDto) {
    return this.deliveries.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'One delivery' })
  @ApiOkResponse({ type: DeliveryView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.deliveries.get(actor, id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Send a failed delivery again (once); 409 when it is not failed or cannot be retried' })
  @ApiAcceptedResponse({ type: DeliveryView, description: 'Queued to be sent again' })
  retry(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.retryDelivery.run(actor, id);
  }
}
