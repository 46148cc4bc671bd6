import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AllowRoles, PageQuery, Role } from '@steppingstone/core';
import { ErasePerson, ExportPersonData, LinkPersonAccount, MergePeople, People } from '@steppingstone/people';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CreatePersonDto, LinkAccountDto, MergePeopleDto, PeopleFilterDto, UpdatePersonDto } from './people.dto';
import { DuplicatePairPageView, MergeOutcomeView, PersonDataExportView, PersonPageView, PersonView } from './people-views.dto';

/**
 * People's contact records, duplicates and merges, subject access and erasure. Admins and
 * coordinators only: trainers and mentors get 403 here (their own views come separately), and
 * another organisation's id is 404.
 */
@ApiTags('people')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Trainers and mentors' })
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: People,
    private readonly mergePeople: MergePeople,
    private readonly exportPersonData: ExportPersonData,
    private readonly erasePerson: ErasePerson,
    private readonly linkPersonAccount: LinkPersonAccount,
  ) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Record a person', description: 'Someone with the same email (any case) or phone (any formatting) is reported as a likely duplicate, unless allowDuplicate is true.' })
  @ApiCreatedResponse({ type: PersonView })
  @ApiBadRequestResponse({ description: 'A field is invalid (each is named in details[]), or localityId is not one of this organisation’s localities' })
  @ApiConflictResponse({ description: 'POSSIBLE_DUPLICATE: `duplicates` lists the matching people and `merge` how to fold the records together' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto) {
    const { allowDuplicate, ...details } = body;
    return this.people.create(actor, details, { allowDuplicate });
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'People in this organisation, by name; q searches name, email and postcode' })
  @ApiOkResponse({ type: PersonPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: PeopleFilterDto) {
    return this.people.list(actor, filter);
  }

  // Declared before ':id' so that "duplicates" is not taken for an id.
  @Get('duplicates')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Pairs of records sharing an email or phone number, each with the merge that would fold the newer into the older' })
  @ApiOkResponse({ type: DuplicatePairPageView })
  duplicates(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.people.duplicatePairs(actor, page);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: PersonView })
  @ApiNotFoundResponse({ description: 'No such person in this organisation' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.people.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Change contact details; null clears an optional field' })
  @ApiOkResponse({ type: PersonView })
  @ApiConflictResponse({ description: 'STALE_VERSION: someone saved in between; `current` is the record as it now is' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdatePersonDto) {
    const { version, ...changes } = body;
    return this.people.update(actor, id, changes, version);
  }

  @Put(':id/account')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Link the person to their own sign-in (a member of this organisation, usually a mentor), or unlink with null; they then see their own record under /me' })
  @ApiOkResponse({ type: PersonView })
  linkAccount(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: LinkAccountDto) {
    return this.linkPersonAccount.run(actor, id, body.userId);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Fold a duplicate record into this one',
    description:
      'Every application (with its stage history) and consent of the duplicate moves here; this record’s demographic profile is kept (the duplicate’s is taken only if this one has none); empty contact fields are filled from the duplicate; the duplicate is deleted.',
  })
  @ApiOkResponse({ type: MergeOutcomeView })
  @ApiBadRequestResponse({ description: 'MERGE_WITH_SELF' })
  @ApiNotFoundResponse({ description: 'Either person is not in this organisation' })
  merge(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: MergePeopleDto) {
    return this.mergePeople.run(actor, id, body.duplicateId);
  }

  @Get(':id/export')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Everything held about this person (subject access request): the record, consents, demographic profile, applications with their history' })
  @ApiOkResponse({ type: PersonDataExportView })
  export(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.exportPersonData.run(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Erase this person and everything about them (applications and their history, consents, demographic profile)' })
  @ApiNoContentResponse({ description: 'Erased' })
  async erase(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.erasePerson.run(actor, id);
  }
}
