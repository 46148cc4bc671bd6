import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { UUID_PATTERN } from '@steppingstone/core';
import { ANALYSIS_DIMENSION_KEYS } from '@steppingstone/representativeness';
import { NestedObject } from '../validation';

/** A rule about a field that depends on its neighbours: the field is refused, by `rule`, when `refused` holds. */
function RefuseWhen(rule: string, message: string | ((args: ValidationArguments) => string), refused: (value: unknown, dto: SelectionDto) => boolean) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: rule,
      target: object.constructor,
      propertyName,
      options: { message },
      validator: { validate: (value: unknown, args: ValidationArguments) => !refused(value, args.object as SelectionDto) },
    });
}

const badLocalitySizes = (sizes: unknown) => Object.entries((sizes ?? {}) as Record<string, unknown>).filter(([id, n]) => !UUID_PATTERN.test(id) || !Number.isInteger(n) || (n as number) < 0);

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

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Places per locality id', example: { '1f0c…': 15 } })
  @IsOptional()
  @IsObject()
  @RefuseWhen(
    'localityIdToPlaces',
    ({ value }) =>
      `localitySizes must map locality ids to whole numbers of places (${badLocalitySizes(value)
        .map(([id]) => id)
        .join(', ')})`,
    (value) => typeof value === 'object' && value !== null && badLocalitySizes(value).length > 0,
  )
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
  @RefuseWhen('notWithTickets', 'give tickets or lotterySize (its older name), not both', (_value, dto) => dto.tickets !== undefined)
  @RefuseWhen('lotteryOnly', 'lotterySize cannot be given with draw exact', (_value, dto) => dto.draw === 'exact')
  lotterySize?: number;

  @ApiPropertyOptional({
    example: 1000,
    description:
      'Exactly this many tickets, for a physical draw. By default the lottery has the fewest tickets (1,000, 2,000, 5,000, 10,000, …) whose smallest chance is within 1% of the exact optimum.',
  })
  @IsOptional()
  @IsInt({ message: 'tickets must be a whole number' })
  @Min(1)
  @Max(100000)
  @RefuseWhen('lotteryOnly', 'tickets cannot be given with draw exact (an exact draw has no tickets)', (_value, dto) => dto.draw === 'exact')
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
