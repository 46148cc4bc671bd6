import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ISO_DATE_PATTERN, PageQuery } from '@steppingstone/core';
import { LoadedVersion, OptionalUuid } from '../validation';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ActivityKind,
  ActivityStatus,
  CLAIM_STATUSES,
  ClaimStatus,
  EXPENSE_CATEGORIES,
  ExpenseCategory,
  TOTAL_DIMENSIONS,
  TotalDimension,
} from '@steppingstone/field';

const DATE = { strict: true, strictSeparator: true };
const dateMessage = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

/** A note about the work itself. Names of the people supported are never written here. */
export const NOTE_MAX = 280;

export class ActivityDto {
  @ApiProperty({ example: '2026-11-30', description: 'The day the work was done (organisation’s calendar), within the last 92 days' })
  @IsISO8601(DATE, dateMessage('occurredOn'))
  @Matches(ISO_DATE_PATTERN, dateMessage('occurredOn'))
  occurredOn!: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 90 })
  @IsInt({ message: 'minutes must be a whole number' })
  @Min(1)
  @Max(1440)
  minutes!: number;

  @ApiProperty({ enum: ACTIVITY_KINDS, example: 'peer-contact' })
  @IsIn(ACTIVITY_KINDS, { message: `kind must be one of ${ACTIVITY_KINDS.join(', ')}` })
  kind!: ActivityKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, nullable: true, description: 'How many people the work reached (an outreach event’s visitors, say)' })
  @IsOptional()
  @IsInt({ message: 'peopleReached must be a whole number' })
  @Min(0)
  @Max(100000)
  peopleReached?: number | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Where it happened' })
  @OptionalUuid()
  localityId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'One of the logger’s own placements' })
  @OptionalUuid()
  placementId?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: NOTE_MAX, nullable: true, description: 'What was done, in a few words. No names: never write the names of the people you supported.' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string | null;
}

export class ChangeActivityDto extends ActivityDto {
  @ApiPropertyOptional({ description: 'The version you loaded; 409 when it has changed since' })
  @LoadedVersion()
  version?: number;
}

export class ActivityReviewDto {
  @ApiProperty({ enum: ['approve', 'query'] })
  @IsIn(['approve', 'query'], { message: 'decision must be approve or query' })
  decision!: 'approve' | 'query';

  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true, description: 'Required to query: what needs checking (the mentor sees it)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @ApiPropertyOptional({ description: 'The version you loaded; 409 when it has changed since' })
  @LoadedVersion()
  version?: number;
}

export class ActivityFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES })
  @IsOptional()
  @IsIn(ACTIVITY_STATUSES, { message: `status must be one of ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  personId?: string;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('from'))
  @Matches(ISO_DATE_PATTERN, dateMessage('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('to'))
  @Matches(ISO_DATE_PATTERN, dateMessage('to'))
  to?: string;
}

export class MyActivityFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES })
  @IsOptional()
  @IsIn(ACTIVITY_STATUSES, { message: `status must be one of ${ACTIVITY_STATUSES.join(', ')}` })
  status?: ActivityStatus;
}

export class ActivityTotalsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('from'))
  @Matches(ISO_DATE_PATTERN, dateMessage('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsISO8601(DATE, dateMessage('to'))
  @Matches(ISO_DATE_PATTERN, dateMessage('to'))
  to?: string;

  @ApiPropertyOptional({ description: `What to total by, comma-separated, in order: ${TOTAL_DIMENSIONS.join(', ')}. Empty: one overall figure.`, example: 'month,person,locality' })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayMaxSize(5)
  @IsIn(TOTAL_DIMENSIONS, { each: true, message: `by must list some of ${TOTAL_DIMENSIONS.join(', ')}` })
  by?: TotalDimension[];

  @ApiPropertyOptional({ enum: ['approved', 'all'], default: 'approved' })
  @IsOptional()
  @IsIn(['approved', 'all'], { message: 'status must be approved or all' })
  status?: 'approved' | 'all';
}

export class ClaimDto {
  @ApiProperty({ example: '2026-11-30', description: 'When the cost was incurred, within the last year' })
  @IsISO8601(DATE, dateMessage('incurredOn'))
  @Matches(ISO_DATE_PATTERN, dateMessage('incurredOn'))
  incurredOn!: string;

  @ApiProperty({ enum: EXPENSE_CATEGORIES })
  @IsIn(EXPENSE_CATEGORIES, { message: `category must be one of ${EXPENSE_CATEGORIES.join(', ')}` })
  category!: ExpenseCategory;

  @ApiProperty({ maxLength: 500, example: 'Bus to the outreach event at the library' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000000, nullable: true, description: 'In pence, for every category except mileage', example: 480 })
  @IsOptional()
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  @Min(1)
  @Max(10_000_000)
  amountPence?: number | null;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0.1,
    maximum: 5000,
    nullable: true,
    description: 'Mileage only: miles driven, to one decimal place; priced at the organisation’s rates',
    example: 12.5,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 }, { message: 'miles must be a number with at most one decimal place' })
  @Min(0.1)
  @Max(5000)
  miles?: number | null;
}

export class ClaimReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision!: 'approve' | 'reject';

  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true, description: 'Required to reject: why' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;

  @ApiPropertyOptional({ description: 'The version you loaded; 409 when it has changed since' })
  @LoadedVersion()
  version?: number;
}

export class ClaimFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES, { message: `status must be one of ${CLAIM_STATUSES.join(', ')}` })
  status?: ClaimStatus;

  @ApiPropertyOptional({ description: 'true: already in a payment batch; false: approved and waiting for one' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'exported must be true or false' })
  exported?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  personId?: string;
}

export class MyClaimFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES, { message: `status must be one of ${CLAIM_STATUSES.join(', ')}` })
  status?: ClaimStatus;
}

export class FieldSettingsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100000, description: 'Hourly rate for the social-value figure, in pence (0: none)', example: 1221 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  socialValueHourlyPence?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'Pence per mile up to the threshold (default 45, HMRC’s approved rate)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  mileagePencePerMile?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'Pence per mile above the threshold (default 25)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  mileagePencePerMileAbove?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000000, description: 'Miles per person per tax year at the first rate (default 10,000)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  mileageThresholdMiles?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Flag and remind someone with no activity logged for this many days (default 14)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  noActivityDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Remind this many days before a check expires (default 30)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  checkExpiryNoticeDays?: number;
}

export { Type, ValidateNested };
