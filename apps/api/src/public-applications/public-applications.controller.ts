import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AppConfig, InjectConfig, Public, RequestTrace } from '@steppingstone/core';
import { EQUALITY_QUESTION_SET, EqualityQuestionSet } from '@steppingstone/people';
import { EqualityStep, EqualityStepReceipt, eventLinkExpiry, PublicApplicationForm, PublicApplicationReceipt } from '@steppingstone/recruitment';
import { Trace } from '../auth/request-context';
import { PublicEqualityStepDto } from './equality-answers.dto';
import { PublicApplicationDto } from './public-application.dto';
import { PublicFormThrottlerGuard } from './public-form-throttler.guard';
import { EqualityQuestionSetResponse, EqualityStepReceiptResponse, PublicApplicationReceiptResponse, PublicIntakeResponse } from './public-responses';

/** The public link of an intake (`/apply/:slug` in the web app): read it, apply through it, and answer the equality questions, without signing in. */
@ApiTags('public application form')
@Controller('public')
export class PublicApplicationsController {
  constructor(
    private readonly form: PublicApplicationForm,
    private readonly equalityStep: EqualityStep,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get('equality-questions')
  @Public()
  @ApiOperation({
    summary: 'The equality monitoring questions, in Census 2021’s wording, with the consent text the person ticks, why they are asked and who sees the answers',
    description:
      'One source for the web form: each question’s wording, hint, answers (value to send, label to show), write-ins, and who is asked (gender identity and sexual orientation: aged 16 and over). Every question offers "Prefer not to say".',
  })
  @ApiOkResponse({ type: EqualityQuestionSetResponse })
  equalityQuestions(): EqualityQuestionSet {
    return EQUALITY_QUESTION_SET;
  }

  @Get('intakes/:slug')
  @Public()
  @ApiQuery({ name: 'event', required: false, description: 'The token of an event link; the answer then says whether it is running (`eventLink`)' })
  @ApiQuery({ name: 'partner', required: false, description: 'A referral partner’s code, from its link; the answer then says whether it is recognised and whose it is (`partner`)' })
  @ApiOperation({ summary: 'What the application form shows: the programme, the intake and its window, the organisation, and whether it is open' })
  @ApiOkResponse({ type: PublicIntakeResponse })
  @ApiNotFoundResponse({ description: 'No intake has this link' })
  async describe(@Param('slug') slug: string, @Query('event') event?: unknown, @Query('partner') partner?: unknown): Promise<PublicIntakeResponse> {
    const intake: PublicIntakeResponse = await this.form.describe(slug);
    if (event !== undefined) {
      const expiresAt = typeof event === 'string' ? eventLinkExpiry(this.config.APP_SECRET, slug, event) : undefined;
      intake.eventLink = { valid: expiresAt !== undefined, expiresAt: expiresAt ?? null };
    }
    if (typeof partner === 'string') intake.partner = await this.form.partnerFor(slug, partner);
    return intake;
  }

  @Post('intakes/:slug/applications')
  @Public()
  @UseGuards(PublicFormThrottlerGuard)
  @ApiQuery({ name: 'event', required: false, description: 'The token of a running event link of this intake: no per-address limit' })
  @ApiOperation({
    summary: 'Apply to an open intake',
    description:
      'Needs a name and at least one way to reach the person: an email address, a phone number or a postal address (a phone-only application is accepted). Records the applicant (always as a new person), their consent to be contacted and the application with its referral partner (`partnerCode`, from the partner’s link or typed), and emails a confirmation with the reference when there is an email address. Answers the reference and a token for the optional equality questions. 409 when the intake is not open; 404 for an unknown link. Limited per address (PUBLIC_FORM_RATE_LIMIT per PUBLIC_FORM_RATE_WINDOW_SECONDS) unless sent through a running event link.',
  })
  @ApiCreatedResponse({ type: PublicApplicationReceiptResponse })
  @ApiBadRequestResponse({
    description:
      'One plain sentence per field in details[] (`field` is the API field; `contact` when no way to reach the person was given); UNKNOWN_PARTNER_CODE for a code this organisation has not given out',
  })
  @ApiConflictResponse({ description: 'INTAKE_NOT_OPEN, with the reason in `message`' })
  @ApiNotFoundResponse({ description: 'No intake has this link' })
  @ApiTooManyRequestsResponse({ description: 'Too many applications from this address; Retry-After says when to try again' })
  async apply(@Param('slug') slug: string, @Body() body: PublicApplicationDto, @Trace() trace: RequestTrace): Promise<PublicApplicationReceipt> {
    const { consent, website, partnerCode, contact: _contact, ...person } = body;
    return this.form.submit(slug, { person, consent: consent as true, website, partnerCode }, trace);
  }

  @Post('intakes/:slug/equality-answers')
  @Public()
  @ApiOperation({
    summary: 'Answer the optional equality questions for the application just made',
    description:
      'Authorised only by the `equalityStep.token` of an application to this intake, once, within two hours. With `consent: true` (the person ticked the equality consent, apart from consent to be contacted) the answers become the applicant’s demographic profile with its consent record and count in the gap analysis at once; anything else is refused with CONSENT_REQUIRED and the token stays usable. Not limited per address: the token, not the address, is what it checks.',
  })
  @ApiCreatedResponse({ type: EqualityStepReceiptResponse })
  @ApiBadRequestResponse({
    description:
      'CONSENT_REQUIRED without consent; INVALID_DEMOGRAPHIC_ANSWER or a plain sentence per field in details[] for an answer outside the list, a write-in without its answer, or gender identity / sexual orientation for someone under 16',
  })
  @ApiForbiddenResponse({ description: 'EQUALITY_STEP_INVALID: the token is unknown, used, expired or another intake’s (all alike)' })
  @ApiNotFoundResponse({ description: 'No intake has this link' })
  async equalityAnswers(@Param('slug') slug: string, @Body() body: PublicEqualityStepDto, @Trace() trace: RequestTrace): Promise<EqualityStepReceipt> {
    const intake = await this.form.findBySlug(slug);
    return this.equalityStep.submit(intake, { token: body.token, consent: body.consent === true, answers: { ...body.answers } }, trace);
  }
}
