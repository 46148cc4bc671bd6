import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ANALYSIS_DIMENSION_KEYS } from '@steppingstone/representativeness/gaps/analysis-dimensions';
import { FairSelections } from '@steppingstone/representativeness/selections/fair-selections';
import { SelectionReplacements } from '@steppingstone/representativeness/selections/selection-replacements';
import { CurrentActor } from '../auth/request-context';
import { NestedObject, UuidParam } from '../validation';

export class QuotaDto {
  @ApiProperty({ example: 'locality x age_18plus', description: 'A dimension, or two joined by " x " for an intersection' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  category: string;

  @ApiProperty({ example: 'North x 18-24' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  feature: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  min: number;

  @ApiProperty({ example: 4 })
  @IsInt()
  @Min(0)
  max: number;
}

export class ToleranceDto {
  @ApiPropertyOptional({ description: 'Places either side of the expected count', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  people?: number;

  @ApiPropertyOptional({ description: 'A fraction of the expected count either side (the larger applies)', example: 0.2 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  fraction?: number;
}

export class SelectionDto {
  @ApiProperty({ example: 45, description: 'How many to select' })
  @IsInt({ message: 'panelSize must be a whole number' })
  @Min(1)
  @Max(10000)
  panelSize: number;

  @ApiPropertyOptional({ enum: ANALYSIS_DIMENSION_KEYS, isArray: true, example: ['sex', 'age_18plus', 'ethnicity_broad'], description: 'Dimensions with quotas from the census' })
  @IsOptional()
  @IsArray()
  @IsIn(ANALYSIS_DIMENSION_KEYS, { each: true, message: `dimensions must be among ${ANALYSIS_DIMENSION_KEYS.join(', ')}` })
  dimensions?: string[];

  @ApiPropertyOptional({ type: ToleranceDto })
  @IsOptional()
  @NestedObject(() => ToleranceDto)
  tolerance?: ToleranceDto;

  @ApiPropertyOptional({ description: 'Places per locality id', example: { '1f0c…': 15 } })
  @IsOptional()
  @IsObject()
  localitySizes?: Record<string, number>;

  @ApiPropertyOptional({ type: [QuotaDto], description: 'Quotas set by hand; they replace the census quota of the same category and feature' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas?: QuotaDto[];

  @ApiPropertyOptional({ enum: ['maximin', 'leximin'], default: 'maximin' })
  @IsOptional()
  @IsIn(['maximin', 'leximin'], { message: 'algorithm must be maximin or leximin' })
  algorithm?: 'maximin' | 'leximin';

  @ApiPropertyOptional({ description: 'Re-run a published draw with its seed; a new one is made otherwise' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'seed must be letters, digits, dots, dashes or underscores' })
  seed?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'The older name for tickets' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(100000)
  lotterySize?: number;

  @ApiPropertyOptional({ example: 1000, description: 'Exactly this many tickets, for a physical draw. By default the lottery has the fewest tickets (1,000, 2,000, 5,000, 10,000, …) whose smallest chance is within 1% of the exact optimum.' })
  @IsOptional()
  @IsInt({ message: 'tickets must be a whole number' })
  @Min(1)
  @Max(100000)
  tickets?: number;

  @ApiPropertyOptional({ enum: ['lottery', 'exact'], default: 'lottery', description: 'exact: draw straight from the exact distribution with the seed (nothing lost to rounding)' })
  @IsOptional()
  @IsIn(['lottery', 'exact'], { message: 'draw must be lottery or exact' })
  draw?: 'lottery' | 'exact';

  @ApiPropertyOptional({
    default: false,
    description:
      'No two people from one household on the panel: the same address lines (compared ignoring case, punctuation and spacing) and postcode (ignoring case and spacing). People with no address recorded share a household with nobody.',
  })
  @IsOptional()
  @IsBoolean({ message: 'onePerHousehold must be true or false' })
  onePerHousehold?: boolean;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Ages are taken on this date (default today)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'referenceDate must be a date like 2026-03-01' })
  referenceDate?: string;
}

export class ReplacementDto {
  @ApiProperty({ description: 'The application of the panel member who declined or dropped out' })
  @IsUUID('all', { message: 'applicationId must be an application id' })
  applicationId: string;
}

@ApiTags('representativeness')
@ApiBearerAuth()
@Controller()
export class SelectionsController {
  constructor(
    private readonly selections: FairSelections,
    private readonly replacements: SelectionReplacements,
  ) {}

  @Post('intakes/:id/selections')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Select a cohort fairly from the intake’s screened, taster and waitlisted applicants',
    description:
      'Quotas from the census (expected count ± tolerance), per-locality places and hand-set quotas (also on intersections) are met at once; among the panels that meet them, a distribution maximises the smallest chance of any applicant (MAXIMIN, or LEXIMIN); the panel is drawn with a recorded seed from a lottery of tickets (by default the fewest whose smallest chance is within 1% of the exact optimum, or exactly `tickets`) or, with draw exact, straight from the exact distribution. Both smallest chances are returned: exactMinimumProbability and lotteryMinimumProbability. Quotas that cannot all be met answer 400 naming the conflict and the nearest feasible quotas. A pool larger than SELECTION_ASYNC_POOL_SIZE is selected from by the worker: the answer is 202 with the selection queued, and GET /selections/:id shows its status (queued, running with its stage, done with the outcome, or failed with the reason).',
  })
  @ApiCreatedResponse({ description: 'The selection, done' })
  @ApiAcceptedResponse({ description: 'The selection, queued for the worker; poll GET /selections/:id (its Location)' })
  async run(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string, @Body() body: SelectionDto, @Res({ passthrough: true }) response: Response) {
    validateLocalitySizes(body.localitySizes);
    validateDraw(body);
    const { selection, queued } = await this.selections.run(actor, intakeId, body);
    if (queued) response.status(HttpStatus.ACCEPTED).location(`/selections/${selection.id}`);
    return selection;
  }

  @Get('intakes/:id/selections')
  @AllowRoles(Role.Admin, Role.Coordinator)
  list(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string) {
    return this.selections.list(actor, intakeId);
  }

  @Get('selections/:id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'A selection: its status (queued, running and its stage, done, failed and why) and, once done, its inputs, seed, quota table, panel and every applicant’s probability' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.get(actor, id);
  }

  @Get('selections/:id/explanations')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Why each applicant’s chance is what it is',
    description:
      'Per applicant (applicationId, personId): the chance under the draw used, the chance in the exact distribution, and the quotas on their answers that bind — at the same bound in every panel the draw could give (min: the quota holds their chance up; max: holds it down; exact: both), with the bound and how many in the pool share that answer. null until the selection is done.',
  })
  explanations(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.explanations(actor, id);
  }

  @Post('selections/:id/replacements')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Someone on the panel declined or dropped out: offer their place to the best alternate left',
    description:
      'In one transaction: the applicant named moves to declined (from offered) or withdrawn (from accepted), the first alternate in the stored order whose joining keeps every quota (and the household rule) moves to offered — if none can, the one breaking the fewest places — each with stage history and an audit entry, and the replacement is recorded with the quotas after it, the quotas broken and the reason. 409 SELECTION_NO_ALTERNATE when no alternate is left; 409 SELECTION_NOT_APPLIED before the selection is applied.',
  })
  @ApiCreatedResponse({ description: 'The replacement made, and how many alternates are left' })
  replace(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ReplacementDto) {
    return this.replacements.replace(actor, id, body.applicationId);
  }

  @Get('selections/:id/replacements')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The replacements made from this selection’s alternates, oldest first, each with why' })
  listReplacements(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.replacements.list(actor, id);
  }

  @Post('selections/:id/apply')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Offer places to the selected applicants and waitlist the rest of the pool, in one transaction' })
  apply(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.apply(actor, id);
  }
}

/** Tickets are a lottery's; an exact draw has none. */
function validateDraw(body: SelectionDto): void {
  const details = [];
  if (body.tickets !== undefined && body.draw === 'exact') details.push({ field: 'tickets', rule: 'lotteryOnly', message: 'tickets cannot be given with draw exact (an exact draw has no tickets)' });
  if (body.tickets !== undefined && body.lotterySize !== undefined) details.push({ field: 'lotterySize', rule: 'notWithTickets', message: 'give tickets or lotterySize (its older name), not both' });
  if (body.lotterySize !== undefined && body.draw === 'exact') details.push({ field: 'lotterySize', rule: 'lotteryOnly', message: 'lotterySize cannot be given with draw exact' });
  if (details.length) throw new BadRequestException({ message: details.map((d) => d.message).join('; '), details });
}

function validateLocalitySizes(sizes: Record<string, number> | undefined): void {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const bad = Object.entries(sizes ?? {}).filter(([id, n]) => !UUID.test(id) || !Number.isInteger(n) || n < 0);
  if (bad.length) {
    throw new BadRequestException({
      message: 'localitySizes must map locality ids to whole numbers of places',
      details: [{ field: 'localitySizes', rule: 'localityIdToPlaces', message: `localitySizes must map locality ids to whole numbers of places (${bad.map(([id]) => id).join(', ')})` }],
    });
  }
}
