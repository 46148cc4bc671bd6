import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { FieldSettingsService } from '@steppingstone/field';
import { NotifySettings } from '@steppingstone/notifications';
import { CurrentActor } from '../auth/request-context';
import { FieldSettingsDto } from './field.dto';
import { FieldSettingsView } from './field-views.dto';
import { NotifySettingsDto, NotifySettingsViewDto } from './notify-settings.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class FieldSettingsController {
  constructor(
    private readonly fieldSettings: FieldSettingsService,
    private readonly notifySettings: NotifySettings,
  ) {}

  @Get('field-settings')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: FieldSettingsView })
  @ApiOperation({ summary: 'The social-value hourly rate, mileage rates and threshold, and the no-activity and check-expiry days' })
  getField(@CurrentActor() actor: Actor) {
    return this.fieldSettings.get(actor);
  }

  @Put('field-settings')
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: FieldSettingsView })
  @ApiOperation({ summary: 'Change any of the field settings (the others keep their values)' })
  putField(@CurrentActor() actor: Actor, @Body() body: FieldSettingsDto) {
    return this.fieldSettings.update(actor, body);
  }

  @Get('notify-settings')
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: NotifySettingsViewDto })
  @ApiOperation({ summary: 'GOV.UK Notify: whether a key and callback token are set (never the secrets), email via Notify, template ids, the callback URL' })
  getNotify(@CurrentActor() actor: Actor) {
    return this.notifySettings.view(actor);
  }

  @Put('notify-settings')
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: NotifySettingsViewDto })
  @ApiOperation({ summary: 'Set the Notify API key and callback token (sealed, never returned), email via Notify, and template ids per kind of message' })
  putNotify(@CurrentActor() actor: Actor, @Body() body: NotifySettingsDto) {
    return this.notifySettings.update(actor, body);
  }
}
