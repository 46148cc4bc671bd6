import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { PARTNER_KINDS } from '@steppingstone/recruitment';
import { APPLICATION_STAGES, ApplicationStage } from '@steppingstone/recruitment';
import { ANALYSIS_DIMENSION_KEYS } from '@steppingstone/representativeness';
import { GapPopulationView, GapReferenceView } from './gap-analysis-views.dto';
import { OptionalUuid } from '../validation';

export class GapAnalysisDto {
  @ApiPropertyOptional({ description: 'The applicants of one intake' })
  @OptionalUuid()
  intakeId?: string;

  @ApiPropertyOptional({ description: 'The applicants of every intake of a programme' })
  @OptionalUuid()
  programmeId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STAGES, isArray: true, description: 'Only applications at these stages (e.g. the selected cohort: offered, accepted, enrolled)' })
  @IsOptional()
  @IsArray()
  @IsIn(APPLICATION_STAGES, { each: true, message: `stages must be among ${APPLICATION_STAGES.join(', ')}` })
  stages?: ApplicationStage[];

  @ApiPropertyOptional({ description: 'Only applicants living in this locality' })
  @OptionalUuid()
  localityId?: string;

  @ApiPropertyOptional({ description: 'Only applicants a referral partner brought, or "none" for those who came without one' })
  @IsOptional()
  @ValidateIf((dto: GapAnalysisDto) => dto.partnerId !== 'none')
  @IsUUID('all', { message: 'partnerId must be a UUID or "none"' })
  partnerId?: string;

  @ApiPropertyOptional({ description: 'The census dataset to compare with (default: the programme’s, else the newest)' })
  @OptionalUuid()
  datasetId?: string;

  @ApiPropertyOptional({ description: 'Compare with this locality’s population instead of the borough’s' })
  @OptionalUuid()
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

/** The same population and reference as a gap analysis, without intersections: the split is by partner. */
export class PartnerGapAnalysisDto extends OmitType(GapAnalysisDto, ['intersections'] as const) {}

export class PartnerReachQueryDto {
  @ApiPropertyOptional({ enum: ANALYSIS_DIMENSION_KEYS, isArray: true, description: 'Comma-separated; default the gap analysis’s default dimensions' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(ANALYSIS_DIMENSION_KEYS, { each: true, message: `dimensions must be among ${ANALYSIS_DIMENSION_KEYS.join(', ')}` })
  dimensions?: string[];

  @ApiPropertyOptional({ example: 3, description: 'Partners named per group, most first (default 5)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  partnersPerGroup?: number;
}

class PartnerCategoryResponse {
  @ApiProperty() category: string;
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the partner’s applicants who answered' }) share: number | null;
  @ApiProperty() referenceShare: number;
  @ApiProperty({ nullable: true, type: Number }) representationRatio: number | null;
  @ApiProperty({ nullable: true, enum: ['under', 'over'] }) flag: 'under' | 'over' | null;
}

class UndisclosedCountResponse {
  @ApiProperty({ example: 'Prefer not to say' }) category: string;
  @ApiProperty() count: number;
}

class PartnerDimensionResponse {
  @ApiProperty() dimension: string;
  @ApiProperty() disclosed: number;
  @ApiProperty({ type: [UndisclosedCountResponse] }) undisclosed: UndisclosedCountResponse[];
  @ApiProperty({ type: [PartnerCategoryResponse] }) categories: PartnerCategoryResponse[];
}

class PartnerLabelResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: applicants who came without a partner' }) partnerId: string | null;
  @ApiProperty({ example: 'Holloway Jobcentre' }) name: string;
  @ApiProperty({ nullable: true, enum: PARTNER_KINDS }) kind: string | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
}

class PartnerGapsResponse extends PartnerLabelResponse {
  @ApiProperty({ description: 'People this partner brought (each person counts for the partner of their first application in scope)' }) size: number;
  @ApiProperty({ type: [PartnerDimensionResponse] }) dimensions: PartnerDimensionResponse[];
}

class ShortfallPartnerResponse extends PartnerLabelResponse {
  @ApiProperty({ description: 'People of the group this partner brought' }) count: number;
  @ApiProperty({ nullable: true, type: Number }) share: number | null;
  @ApiProperty({ nullable: true, type: Number }) representationRatio: number | null;
}

class PartnerShortfallResponse {
  @ApiProperty() dimension: string;
  @ApiProperty() category: string;
  @ApiProperty() count: number;
  @ApiProperty() expectedCount: number;
  @ApiProperty() shortfall: number;
  @ApiProperty() neededAtCapacity: number;
  @ApiProperty({ type: [ShortfallPartnerResponse], description: 'Partners that brought people of this group, most first' }) partners: ShortfallPartnerResponse[];
}

class DimensionLabelResponse {
  @ApiProperty() dimension: string;
  @ApiProperty() label: string;
}

class UnavailableResponse {
  @ApiProperty() dimension: string;
  @ApiProperty() reason: string;
}

export class PartnerGapAnalysisResponse {
  @ApiProperty({ type: GapPopulationView, description: 'The population asked for, with its size' }) population: GapPopulationView;
  @ApiProperty({ type: GapReferenceView, description: 'The census dataset and area compared with' }) reference: GapReferenceView;
  @ApiProperty({ type: [DimensionLabelResponse] }) dimensions: DimensionLabelResponse[];
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ type: [PartnerGapsResponse], description: 'Largest first; "No partner" last' }) partners: PartnerGapsResponse[];
  @ApiProperty({ type: [PartnerShortfallResponse], description: 'The pool’s "who isn’t there", each group with the partners that brought people of it' }) whoIsntThere: PartnerShortfallResponse[];
  @ApiProperty({ type: [UnavailableResponse] }) unavailable: UnavailableResponse[];
}

class ReachingPartnerResponse {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: string;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'People of the group it brought to the organisation’s other intakes' }) otherIntakes: number;
  @ApiProperty({ description: 'And to this intake so far' }) thisIntake: number;
}

class PartnerReachGroupResponse {
  @ApiProperty() dimension: string;
  @ApiProperty() category: string;
  @ApiProperty() shortfall: number;
  @ApiProperty() neededAtCapacity: number;
  @ApiProperty({ type: [ReachingPartnerResponse] }) partners: ReachingPartnerResponse[];
}

export class PartnerReachResponse {
  @ApiProperty({ format: 'uuid' }) intakeId: string;
  @ApiProperty({ type: [PartnerReachGroupResponse], description: 'The intake’s "who isn’t there", in its order' }) groups: PartnerReachGroupResponse[];
}
