import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { APPLICATION_STAGES, ApplicationStage } from '@steppingstone/recruitment';
import { ANALYSIS_DIMENSION_KEYS } from '@steppingstone/representativeness/gaps/analysis-dimensions';

export class GapAnalysisDto {
  @ApiPropertyOptional({ description: 'The applicants of one intake' })
  @IsOptional()
  @IsUUID('all', { message: 'intakeId must be a UUID' })
  intakeId?: string;

  @ApiPropertyOptional({ description: 'The applicants of every intake of a programme' })
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STAGES, isArray: true, description: 'Only applications at these stages (e.g. the selected cohort: offered, accepted, enrolled)' })
  @IsOptional()
  @IsArray()
  @IsIn(APPLICATION_STAGES, { each: true, message: `stages must be among ${APPLICATION_STAGES.join(', ')}` })
  stages?: ApplicationStage[];

  @ApiPropertyOptional({ description: 'Only applicants living in this locality' })
  @IsOptional()
  @IsUUID('all', { message: 'localityId must be a UUID' })
  localityId?: string;

  @ApiPropertyOptional({ description: 'The census dataset to compare with (default: the programme’s, else the newest)' })
  @IsOptional()
  @IsUUID('all', { message: 'datasetId must be a UUID' })
  datasetId?: string;

  @ApiPropertyOptional({ description: 'Compare with this locality’s population instead of the borough’s' })
  @IsOptional()
  @IsUUID('all', { message: 'referenceLocalityId must be a UUID' })
  referenceLocalityId?: string;

  @ApiPropertyOptional({ enum: ANALYSIS_DIMENSION_KEYS, isArray: true, example: ['sex', 'age_18plus', 'ethnicity_broad', 'locality'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ANALYSIS_DIMENSION_KEYS, { each: true, message: `dimensions must be among ${ANALYSIS_DIMENSION_KEYS.join(', ')}` })
  dimensions?: string[];

  @ApiPropertyOptional({ description: 'Pairs of dimensions for intersectional cells', example: [['locality', 'age_18plus']] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsArray({ each: true, message: 'intersections must be pairs of dimensions' })
  @ArrayMinSize(2, { each: true, message: 'intersections must be pairs of dimensions' })
  @ArrayMaxSize(2, { each: true, message: 'intersections must be pairs of dimensions' })
  intersections?: Array<[string, string]>;

  @ApiPropertyOptional({ description: 'Places to fill (default: the intake’s capacity)', example: 45 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @ApiPropertyOptional({ description: 'Ages are taken on this date (default today)', example: '2026-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'referenceDate must be a date like 2026-03-01' })
  referenceDate?: string;
}
