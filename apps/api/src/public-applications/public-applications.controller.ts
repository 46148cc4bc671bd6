import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public, RequestTrace } from '@steppingstone/core';
import { PublicApplicationForm, PublicApplicationReceipt, PublicIntake } from '@steppingstone/recruitment';
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
  constructor(private readonly form: PublicApplicationForm) {}

  @Get(':slug')
  @Public()
  @ApiOperation({ summary: 'What the application form shows: the programme, the intake and its window, the organisation, and whether it is open' })
  describe(@Param('slug') slug: string): Promise<PublicIntake> {
    return this.form.describe(slug);
  }

  @Post(':slug/applications')
  @Public()
  @UseGuards(PublicFormThrottlerGuard)
  @ApiOperation({
    summary: 'Apply to an open intake',
    description: 'Records the applicant (always as a new person), their consent to be contacted and the application, and emails them a confirmation. 409 when the intake is not open; 404 for an unknown link.',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many applications from this address; Retry-After says when to try again' })
  async apply(@Param('slug') slug: string, @Body() body: PublicApplicationDto, @Trace() trace: RequestTrace): Promise<PublicApplicationReceiptDto> {
    const { consent, website, ...person } = body;
    return this.form.submit(slug, { person, consent: consent as true, website }, trace);
  }
}
