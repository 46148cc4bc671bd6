import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Consents, DemographicProfiles } from '@steppingstone/people';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CorrectDemographicsDto, RecordDemographicsDto } from './demographics.dto';
import { ConsentView, DemographicProfileView } from './people-views.dto';

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
    description:
      'States the whole profile: questions left out are "not recorded". A new demographic-monitoring consent is recorded and the profile rests on it (for a paper form: method "paper-form" and the date on the paper). Write-ins go only with the answer that asks for one; gender identity and sexual orientation are refused for someone whose date of birth makes them under 16. Audit-logged (which questions were answered, never the answers).',
  })
  @ApiOkResponse({ type: DemographicProfileView })
  @ApiBadRequestResponse({ description: 'CONSENT_REQUIRED when consent is missing; otherwise each invalid field is named in details[]' })
  record(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: RecordDemographicsDto) {
    const { consent, ...answers } = body;
    return this.profiles.record(actor, id, answers, consent);
  }

  @Patch('demographics')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Correct answers on the person’s demographic profile, under the consent it already rests on',
    description:
      'Only the fields sent change; null clears one; a write-in whose answer changed is cleared unless sent again. Refused with CONSENT_REQUIRED when there is no profile or its consent was withdrawn (record it afresh with PUT and the person’s consent). Audit-logged as person.demographics.corrected with the fields that changed, never their values.',
  })
  @ApiOkResponse({ type: DemographicProfileView })
  @ApiBadRequestResponse({ description: 'CONSENT_REQUIRED, or each invalid field named in details[]' })
  correct(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CorrectDemographicsDto) {
    return this.profiles.correct(actor, id, body);
  }

  @Get('demographics')
  @ApiOkResponse({ type: DemographicProfileView })
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Read the person’s demographic profile and the consent it rests on',
    description:
      'Every read is written to the audit log (person.demographics.read). When no profile is held (never given, or the consent was withdrawn) the answer is 200 with `profile: null` and `consent: null`.',
  })
  read(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.profiles.read(actor, id);
  }

  @Get('consents')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The person’s consents, newest first, withdrawn ones included' })
  @ApiOkResponse({ type: [ConsentView] })
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.consents.history(actor, id);
  }

  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Record that the person withdrew a consent; the data resting on it (the demographic profile) is deleted, the consent record stays as evidence' })
  @ApiOkResponse({ type: ConsentView })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('consentId') consentId: string) {
    return this.consents.withdraw(actor, id, consentId);
  }
}
