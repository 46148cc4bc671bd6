import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig, InjectConfig, Public, RequestTrace } from '@steppingstone/core';
import { eventLinkExpiry, PublicApplicationForm, PublicApplicationReceipt, PublicIntake } from '@steppingstone/recruitment';
import { Trace } from '../auth/request-context';
import { PublicApplicationDto } from './public-application.dto';
import { PublicFormThrottlerGuard } from './public-form-throttler.guard';

class PublicApplicationReceiptDto implements PublicApplicationReceipt {
  @ApiProperty({ description: 'Quote it when you contact the organisation' })
  reference: string;

  @ApiProperty({ example: "Thank you for applying to Peer Mentor training (Spring intake). We'll email you a confirmation, and be in touch about the next steps." })
  message: string;
}

/** The public link of an intake (`/apply/:slug` in the web app): read it, and apply through it, without signing in. */
@ApiTags('public application form')
@Controller('public/intakes')
export class PublicApplicationsController {
  constructor(
    private readonly form: PublicApplicationForm,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get(':slug')
  @Public()
  @ApiQuery({ name: 'event', required: false, description: 'The token of an event link; the answer then says whether it is running (`eventLink`)' })
  @ApiOperation({ summary: 'What the application form shows: the programme, the intake and its window, the organisation, and whether it is open' })
  async describe(@Param('slug') slug: string, @Query('event') event?: unknown): Promise<PublicIntake & { eventLink?: { valid: boolean; expiresAt: Date | null } }> {
    const intake = await this.form.describe(slug);
    if (event === undefined) return intake;
    const expiresAt = typeof event === 'string' ? eventLinkExpiry(this.config.APP_SECRET, slug, event) : undefined;
    return { ...intake, eventLink: { valid: expiresAt !== undefined, expiresAt: expiresAt ?? null } };
  }

  @Post(':slug/applications')
  @Public()
  @UseGuards(PublicFormThrottlerGuard)
  @ApiQuery({ name: 'event', required: false, description: 'The token of a running event link of this intake: no per-address limit' })
  @ApiOperation({
    summary: 'Apply to an open intake',
    description: 'Records the applicant (always as a new person), their consent to be contacted and the application, and emails them a confirmation. 409 when the intake is not open; 404 for an unknown link. Limited per address (PUBLIC_FORM_RATE_LIMIT per PUBLIC_FORM_RATE_WINDOW_SECONDS) unless sent through a running event link.',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many applications from this address; Retry-After says when to try again' })
  async apply(@Param('slug') slug: string, @Body() body: PublicApplicationDto, @Trace() trace: RequestTrace): Promise<PublicApplicationReceiptDto> {
    const { consent, website, ...person } = body;
    return this.form.submit(slug, { person, consent: consent as true, website }, trace);
  }
}
