import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ReferralPartners } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { PartnerFilterDto, PartnerLinkResponse, ReferralPartnerDto, ReferralPartnerResponse, UpdateReferralPartnerDto } from './partners.dto';

/**
 * Referral partners (job centres, GP surgeries, community and faith groups, housing officers,
 * existing peers): records of the organisation, each with a code for paper forms and a link to each
 * intake's public form. Admins and coordinators; another organisation's partner is 404.
 */
@ApiTags('referral partners')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Trainers and mentors' })
@Controller()
export class PartnersController {
  constructor(private readonly partners: ReferralPartners) {}

  @Post('referral-partners')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Record a referral partner; its code is drawn at random unless one is given' })
  @ApiCreatedResponse({ type: ReferralPartnerResponse })
  @ApiBadRequestResponse({ description: 'Each invalid field named in details[]' })
  @ApiConflictResponse({ description: 'PARTNER_NAME_TAKEN or PARTNER_CODE_TAKEN' })
  create(@CurrentActor() actor: Actor, @Body() body: ReferralPartnerDto) {
    return this.partners.create(actor, body);
  }

  @Get('referral-partners')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The organisation’s referral partners by name, each with how many applications carry it' })
  @ApiOkResponse({ type: [ReferralPartnerResponse] })
  list(@CurrentActor() actor: Actor, @Query() filter: PartnerFilterDto) {
    return this.partners.list(actor, filter);
  }

  @Get('referral-partners/:id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: ReferralPartnerResponse })
  @ApiNotFoundResponse({ description: 'No such partner in this organisation' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.partners.get(actor, id);
  }

  @Patch('referral-partners/:id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Change a partner’s details or code, or archive it (audit-logged)' })
  @ApiOkResponse({ type: ReferralPartnerResponse })
  @ApiNotFoundResponse({ description: 'No such partner in this organisation' })
  @ApiConflictResponse({ description: 'PARTNER_NAME_TAKEN or PARTNER_CODE_TAKEN' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateReferralPartnerDto) {
    return this.partners.update(actor, id, body);
  }

  @Get('intakes/:id/partner-links')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Each partner’s own link to this intake’s public form (archived partners left out)',
    description: 'Applications through a link carry its partner; the same code typed on the form or on a paper form does the same.',
  })
  @ApiOkResponse({ type: [PartnerLinkResponse] })
  @ApiNotFoundResponse({ description: 'No such intake in this organisation' })
  links(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string) {
    return this.partners.links(actor, intakeId);
  }
}
