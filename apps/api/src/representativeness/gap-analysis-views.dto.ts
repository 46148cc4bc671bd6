import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
const FLAG = { nullable: true, type: String, enum: ['under', 'over'], description: 'under or over the representation thresholds; null within them or when unknown' };
const INTERVAL = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } as const;

class GapFiguresView {
  @ApiProperty() count!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Of the disclosed population; null when nobody disclosed' }) share!: number | null;
  @ApiProperty() referenceShare!: number;
  @ApiProperty({ description: 'referenceShare × the disclosed population' }) expectedCount!: number;
  @ApiProperty({ description: 'count − expectedCount: negative means fewer people than the reference suggests' }) seatGap!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'share / referenceShare; null when the reference has nobody in this group' }) representationRatio!: number | null;
  @ApiProperty(FLAG) flag!: string | null;
  @ApiProperty({ description: 'Whether the reference knows this category at all' }) inReference!: boolean;
  @ApiProperty({ ...INTERVAL, description: 'The count if none to all of the undisclosed people belonged to this group' }) countInterval!: number[];
  @ApiProperty({ ...INTERVAL, description: 'The matching share of everybody (disclosed or not)' }) shareInterval!: number[];
}

export class CategoryGapView extends GapFiguresView {
  @ApiProperty({ example: 'Female' }) category!: string;
}

export class CellGapView extends GapFiguresView {
  @ApiProperty() row!: string;
  @ApiProperty() column!: string;
}

export class UndisclosedGroupView {
  @ApiProperty({ example: 'Prefer not to say' }) category!: string;
  @ApiProperty() count!: number;
}

class DimensionTotalsView {
  @ApiProperty({ type: [UndisclosedGroupView], description: 'Shown and counted, never part of a share’s denominator' }) undisclosed!: UndisclosedGroupView[];
  @ApiProperty({ description: 'How many people were left out of the share denominators' }) excludedFromShares!: number;
  @ApiProperty() disclosed!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number, description: '½ × Σ |share − referenceShare|; null when nobody disclosed' }) totalVariationDistance!: number | null;
}

export class DimensionGapView extends DimensionTotalsView {
  @ApiProperty({ example: 'sex' }) dimension!: string;
  @ApiProperty({ example: 'Sex' }) label!: string;
  @ApiProperty({ type: [CategoryGapView] }) categories!: CategoryGapView[];
}

export class IntersectionGapView extends DimensionTotalsView {
  @ApiProperty({ example: 'sex' }) rowDimension!: string;
  @ApiProperty({ example: 'age_18plus' }) columnDimension!: string;
  @ApiProperty({ type: [CellGapView] }) cells!: CellGapView[];
  @ApiPropertyOptional() note?: string;
}

export class ShortfallView {
  @ApiProperty() dimension!: string;
  @ApiProperty() category!: string;
  @ApiProperty() count!: number;
  @ApiProperty() expectedCount!: number;
  @ApiProperty({ description: 'People missing against the reference at the population’s disclosed size (always > 0)' }) shortfall!: number;
  @ApiProperty({ nullable: true, type: Number }) representationRatio!: number | null;
  @ApiProperty(FLAG) flag!: string | null;
  @ApiProperty() referenceShare!: number;
  @ApiProperty({ description: 'Expected count at capacity minus the current count, rounded up, at least 0' }) neededAtCapacity!: number;
}

export class GapPopulationView {
  @ApiPropertyOptional({ format: 'uuid' }) programmeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) intakeId?: string;
  @ApiPropertyOptional({ type: [String] }) stages?: string[];
  @ApiPropertyOptional({ format: 'uuid' }) localityId?: string;
  @ApiPropertyOptional({ description: 'A referral partner’s id, or "none"' }) partnerId?: string;
  @ApiProperty({ description: 'People in the population' }) size!: number;
}

export class ReferenceAreaView {
  @ApiProperty({ enum: ['borough', 'locality'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], example: ['E09000019'] }) codes!: string[];
}

export class GapReferenceView {
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty() datasetName!: string;
  @ApiProperty() datasetVersion!: number;
  @ApiProperty({ type: ReferenceAreaView }) area!: ReferenceAreaView;
  @ApiProperty({ example: '2026-03-01' }) referenceDate!: string;
}

export class UnavailableDimensionView {
  @ApiProperty() dimension!: string;
  @ApiProperty() reason!: string;
}

export class GapAnalysisView {
  @ApiProperty({ type: GapPopulationView }) population!: GapPopulationView;
  @ApiProperty({ type: GapReferenceView }) reference!: GapReferenceView;
  @ApiProperty({ type: [DimensionGapView] }) dimensions!: DimensionGapView[];
  @ApiProperty({ type: [IntersectionGapView] }) intersections!: IntersectionGapView[];
  @ApiProperty({ type: [ShortfallView] }) whoIsntThere!: ShortfallView[];
  @ApiProperty({ nullable: true, type: Number }) capacity!: number | null;
  @ApiProperty({ type: [UnavailableDimensionView], description: 'Dimensions asked for that the dataset cannot answer, and why' }) unavailable!: UnavailableDimensionView[];
}
