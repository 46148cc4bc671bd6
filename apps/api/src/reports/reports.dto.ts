import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, Max, Min, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { PageQuery } from '@steppingstone/core';
import { PERIOD_PRESETS, PeriodPreset, REPORT_FORMATS, ReportFormat, ReportKind, ReportStatus } from '@steppingstone/reports';
import { IsCalendarDate } from '../cohorts/cohort.dto';

const noPreset = (o: RequestReportDto) => o.preset === undefined;

/** A preset names the whole period, so dates beside it would be ignored: refused instead. Judged only once the preset itself is valid. */
function IsPresetWithoutDates() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'presetOrDates',
      target: object.constructor,
      propertyName,
      options: { message: 'give either a preset or from and to, not both' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const { from, to } = args.object as RequestReportDto;
          return !(PERIOD_PRESETS as readonly unknown[]).includes(value) || (from === undefined && to === undefined);
        },
      },
    });
}

export class RequestReportDto {
  @ApiPropertyOptional({ enum: PERIOD_PRESETS, description: 'A period in the organisation’s calendar; or give from and to instead' })
  @IsOptional()
  @IsIn(PERIOD_PRESETS, { message: `preset must be one of ${PERIOD_PRESETS.join(', ')}` })
  @IsPresetWithoutDates()
  preset?: PeriodPreset;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'First day of the period (required without a preset)' })
  @ValidateIf(noPreset)
  @IsDefined({ message: 'from is required unless a preset is given' })
  @IsCalendarDate('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day of the period, inclusive (required without a preset)' })
  @ValidateIf(noPreset)
  @IsDefined({ message: 'to is required unless a preset is given' })
  @IsCalendarDate('to')
  to?: string;

  @ApiPropertyOptional({ default: false, description: 'For sharing outside the organisation: counts below the threshold are withheld' })
  @IsOptional()
  @IsBoolean({ message: 'shared must be true or false' })
  shared?: boolean;

  @ApiPropertyOptional({ default: 5, minimum: 2, maximum: 100, description: 'In a shared report, counts below this are withheld' })
  @IsOptional()
  @IsInt({ message: 'suppressionThreshold must be a whole number' })
  @Min(2, { message: 'suppressionThreshold must be at least 2' })
  @Max(100, { message: 'suppressionThreshold must be at most 100' })
  suppressionThreshold?: number;
}

const KINDS: ReportKind[] = ['weekly', 'monthly', 'on-demand'];
const STATUSES: ReportStatus[] = ['queued', 'running', 'done', 'failed'];

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` })
  kind?: ReportKind;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: ReportStatus;
}

export class DownloadQuery {
  @ApiProperty({ enum: REPORT_FORMATS })
  @Type(() => String)
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format: ReportFormat;
}
