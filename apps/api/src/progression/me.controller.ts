import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, AnyMember, DOCUMENT_CONTENT_SECURITY_POLICY } from '@steppingstone/core';
import { MyDetails, myDataCsv, myDataHtml, myDataJson, MyRecords } from '@steppingstone/progression';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { GiveConsentDto, MyDataQuery, MyDemographicsDto, UpdateMyDetailsDto } from './my-details.dto';
import { ConsentView, DemographicProfileView } from '../people/people-views.dto';
import { PlacementView } from '../placements/placements-views.dto';
import { MyDataSectionView, MyDataView, MyDetailsView, MySupervisionView, ProgressionTimelineView } from './progression-views.dto';

/** The participant's own records, through the person linked to the login. Upcoming sessions: GET /me/sessions. */
@ApiTags('me')
@ApiExtraModels(MyDataView, MyDataSectionView)
@ApiBearerAuth()
@Controller('me')
export class MyProgressionController {
  constructor(
    private readonly mine: MyRecords,
    private readonly details: MyDetails,
  ) {}

  @Get('placements')
  @AnyMember()
  @ApiOperation({ summary: 'My placements with the next supervision and review dates (my sessions: GET /me/sessions)' })
  @ApiOkResponse({ type: [PlacementView] })
  placements(@CurrentActor() actor: Actor) {
    return this.mine.placements(actor);
  }

  @Get('placements/:id')
  @AnyMember()
  @ApiOperation({ summary: 'One of my placements; anyone else’s answers 404' })
  @ApiOkResponse({ type: PlacementView })
  placement(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.mine.placement(actor, id);
  }

  @Get('supervision')
  @AnyMember()
  @ApiOperation({ summary: 'My supervision: next due date, review points, sessions held and agreed actions' })
  @ApiOkResponse({ type: [MySupervisionView] })
  supervision(@CurrentActor() actor: Actor) {
    return this.mine.supervision(actor);
  }

  @Get('progression')
  @AnyMember()
  @ApiOperation({ summary: 'My progression timeline: applied, enrolled, completed, placed, employed, sustained' })
  @ApiOkResponse({ type: ProgressionTimelineView })
  progression(@CurrentActor() actor: Actor) {
    return this.mine.progression(actor);
  }

  @Get('consents')
  @AnyMember()
  @ApiOperation({ summary: 'The consents I have given, withdrawn ones included' })
  @ApiOkResponse({ type: [ConsentView] })
  consents(@CurrentActor() actor: Actor) {
    return this.mine.consents(actor);
  }

  @Post('consents')
  @AnyMember()
  @ApiOperation({ summary: 'Give my consent to be contacted (online, in the product’s wording; audit-logged). One already standing is answered as it is (200); a new one 201' })
  @ApiBadRequestResponse({ description: 'purpose is not contact: consent to equality monitoring goes with the answers, at PUT /me/demographics' })
  @ApiOkResponse({ type: ConsentView, description: 'The consent already standing' })
  @ApiCreatedResponse({ type: ConsentView, description: 'The consent, newly given' })
  async giveConsent(@CurrentActor() actor: Actor, @Body() _body: GiveConsentDto, @Res({ passthrough: true }) response: Response) {
    const { consent, created } = await this.details.giveContactConsent(actor);
    response.status(created ? 201 : 200);
    return consent;
  }

  @Post('consents/:consentId/withdraw')
  @HttpCode(200)
  @AnyMember()
  @ApiOperation({ summary: 'Withdraw one of my consents: as when staff record it, the data resting on it (my equality answers) is deleted and the consent stays as evidence (audit-logged)' })
  @ApiNotFoundResponse({ description: 'Not one of my consents' })
  @ApiOkResponse({ type: ConsentView })
  withdrawConsent(@CurrentActor() actor: Actor, @UuidParam('consentId') consentId: string) {
    return this.details.withdraw(actor, consentId);
  }

  @Get('details')
  @AnyMember()
  @ApiOperation({ summary: 'My contact details and how I am happy to be contacted' })
  @ApiOkResponse({ type: MyDetailsView })
  myDetails(@CurrentActor() actor: Actor) {
    return this.details.get(actor);
  }

  @Patch('details')
  @AnyMember()
  @ApiOperation({
    summary:
      'Change my contact details and contact preferences (the rules of a staff edit; audit-logged as person.updated); null clears a field. Name, date of birth and locality are changed by a coordinator',
  })
  @ApiBadRequestResponse({ description: 'Each invalid field is named in details[]' })
  @ApiConflictResponse({ description: 'STALE_VERSION: someone saved in between' })
  @ApiOkResponse({ type: MyDetailsView })
  updateDetails(@CurrentActor() actor: Actor, @Body() body: UpdateMyDetailsDto) {
    const { version, ...changes } = body;
    return this.details.update(actor, changes, version);
  }

  @Get('demographics')
  @AnyMember()
  @ApiOperation({ summary: 'My answers to the equality questions and the consent they rest on (the read is audit-logged); profile null when none is held' })
  @ApiOkResponse({ type: DemographicProfileView })
  demographics(@CurrentActor() actor: Actor) {
    return this.details.demographics(actor);
  }

  @Put('demographics')
  @AnyMember()
  @ApiOperation({
    summary: 'Answer the equality questions and give my consent for them (the staff path’s rules; audit-logged with the questions answered, never the answers)',
    description: 'States the whole set: questions left out are "not recorded". consentGiven must be true; the consent is recorded in the wording GET /public/equality-questions shows.',
  })
  @ApiBadRequestResponse({ description: 'consentGiven missing, or an answer not in the census list (each named in details[])' })
  @ApiOkResponse({ type: DemographicProfileView })
  recordDemographics(@CurrentActor() actor: Actor, @Body() body: MyDemographicsDto) {
    const { consentGiven: _agreed, ...answers } = body;
    return this.details.recordDemographics(actor, answers);
  }

  @Get('data')
  @AnyMember()
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({ summary: 'Download everything held about me and why, without internal ids: format=json or csv for programs, html to read (audit-logged)' })
  @ApiOkResponse({
    description: 'An attachment, my-data.<format>',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MyDataView) } },
      'text/csv': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async data(@CurrentActor() actor: Actor, @Query() query: MyDataQuery, @Res({ passthrough: true }) response: Response) {
    const document = await this.details.document(actor);
    const format = query.format ?? 'json';
    const [content, type] =
      format === 'html'
        ? [myDataHtml(document), 'text/html; charset=utf-8']
        : format === 'csv'
          ? [myDataCsv(document), 'text/csv; charset=utf-8']
          : [JSON.stringify(myDataJson(document), null, 2), 'application/json; charset=utf-8'];
    // An attachment with the documents' sandboxed policy: it holds what people typed.
    response.set({
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="my-data.${format}"`,
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': DOCUMENT_CONTENT_SECURITY_POLICY,
    });
    return new StreamableFile(Buffer.from(content, 'utf8'));
  }
}
