import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Consents, DemographicProfiles } from '@steppingstone/people';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { RecordDemographicsDto } from './demographics.dto';

/**
 * The special-category demographic profile (UK GDPR art. 9) and the consents it rests on. Admins
 * and coordinators only: trainers and mentors never see these fields.
 */
@ApiTags('people')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Trainers and mentors' })
@ApiNotFoundResponse({ description: 'No such person (or consent) in this organisation' })
@Controller('people/:id')
export class DemographicsController {
  constructor(
    private readonly profiles: DemographicProfiles,
    private readonly consents: Consents,
  ) {}

  @Put('demographics')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Record the person’s demographic profile with their consent',
    description: 'States the whole profile: questions left out are "not recorded". A new demographic-monitoring consent is recorded and the profile rests on it.',
  })
  @ApiBadRequestResponse({ description: 'CONSENT_REQUIRED when consent is missing; otherwise each invalid field is named in details[]' })
  record(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: RecordDemographicsDto) {
    const { consent, ...answers } = body;
    return this.profiles.record(actor, id, answers, consent);
  }

  @Get('demographics')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Read the person’s demographic profile and the consent it rests on',
    description: 'Every read is written to the audit log (person.demographics.read). When no profile is held (never given, or the consent was withdrawn) the answer is 200 with `profile: null` and `consent: null`.',
  })
  read(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.profiles.read(actor, id);
  }

  @Get('consents')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The person’s consents, newest first, withdrawn ones included' })
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.consents.history(actor, id);
  }

  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Record that the person withdrew a consent; the data resting on it (the demographic profile) is deleted, the consent record stays as evidence' })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('consentId') consentId: string) {
    return this.consents.withdraw(actor, id, consentId);
  }
}
