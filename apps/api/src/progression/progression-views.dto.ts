import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { CONTACT_CHANNELS } from '@steppingstone/people';
import { PLACEMENT_STATUSES } from '@steppingstone/placements';
import { CONTRACT_TYPES, FUNNEL_STAGES, MILESTONES, SUSTAINMENT_RESULTS, SUSTAINMENT_WEEKS } from '@steppingstone/progression';
import { ReviewPointView, SupervisionDueView, SupervisionRecordView } from '../placements/placements-views.dto';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class SustainmentCheckView {
  @ApiProperty({ enum: SUSTAINMENT_WEEKS }) week!: number;
  @ApiProperty({ example: '2027-02-11' }) dueOn!: string;
  @ApiProperty({ nullable: true, type: String, enum: SUSTAINMENT_RESULTS }) result!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-12' }) checkedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: ['recorded', 'upcoming', 'due', 'overdue'] }) state!: string;
}

export class JobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Set for a post in one of the programme’s own paid roles' }) paidRoleId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) localityId!: string | null;
  @ApiProperty() employer!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) sector!: string | null;
  @ApiProperty() hoursPerWeek!: number;
  @ApiProperty({ enum: CONTRACT_TYPES }) contractType!: string;
  @ApiProperty({ example: '2026-11-12' }) startsOn!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-11-05' }) contractEndsOn!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-01-15' }) endedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: [SustainmentCheckView], description: 'The 13- and 26-week checks' }) sustainment!: SustainmentCheckView[];
}

export class PaidRoleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Empty when none was given' }) description!: string;
  @ApiProperty() hoursPerWeek!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Null for a permanent post' }) fixedTermMonths!: number | null;
  @ApiProperty() postsPerLocality!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ description: 'Post-holders whose contract runs today' }) currentPostHolders!: number;
}

export class FunnelRateView {
  @ApiProperty({ nullable: true, type: Number, description: 'A fraction from 0 to 1, four decimals; null when there is nobody to convert' }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 68.2 }) percent!: number | null;
}

export class FunnelStageView {
  @ApiProperty({ enum: FUNNEL_STAGES }) stage!: string;
  @ApiProperty() label!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: FunnelRateView, nullable: true, description: 'From the previous stage; null for registration' }) fromPrevious!: FunnelRateView | null;
  @ApiProperty({ type: FunnelRateView }) fromRegistered!: FunnelRateView;
}

export class FunnelFilterView {
  @ApiPropertyOptional({ example: '2026-01-01' }) registeredFrom?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) registeredTo?: string;
  @ApiPropertyOptional({ format: 'uuid' }) programmeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) intakeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) cohortId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) localityId?: string;
}

export class FunnelReportView {
  @ApiProperty({ type: FunnelFilterView }) filter!: FunnelFilterView;
  @ApiProperty({ type: [FunnelStageView] }) stages!: FunnelStageView[];
}

export class FunnelDimensionView {
  @ApiProperty({ example: 'sex' }) key!: string;
  @ApiProperty({ example: 'Sex' }) label!: string;
}

export class RateComparisonView {
  @ApiProperty({ enum: FUNNEL_STAGES }) from!: string;
  @ApiProperty({ enum: FUNNEL_STAGES }) to!: string;
  @ApiProperty({ type: FunnelRateView }) groupRate!: FunnelRateView;
  @ApiProperty({ type: FunnelRateView }) overallRate!: FunnelRateView;
  @ApiProperty({ nullable: true, type: Number, description: 'The group’s rate as a share of the overall rate (1 = the same), two decimals' }) ratio!: number | null;
  @ApiProperty({ enum: ['shortfall', 'ok', 'too-few-to-judge', 'no-overall-rate'] }) flag!: string;
}

export class EquityGroupView {
  @ApiProperty({ example: 'Female' }) group!: string;
  @ApiProperty({ description: '"Prefer not to say" and "Not recorded": shown and compared, never merged into another group' }) undisclosed!: boolean;
  @ApiProperty({ type: [FunnelStageView] }) stages!: FunnelStageView[];
  @ApiProperty({ type: [RateComparisonView], description: 'Each stage from the one before it' }) stepComparisons!: RateComparisonView[];
  @ApiProperty({ type: [RateComparisonView], description: 'Each stage from registration' }) overallComparisons!: RateComparisonView[];
  @ApiProperty() flagged!: boolean;
  @ApiProperty({ type: [String], description: 'The shortfalls in words, for a report' }) shortfalls!: string[];
}

export class EquityFunnelReportView {
  @ApiProperty({ type: FunnelFilterView }) filter!: FunnelFilterView;
  @ApiProperty({ type: FunnelDimensionView }) dimension!: FunnelDimensionView;
  @ApiProperty({ example: 0.8 }) shortfallRatio!: number;
  @ApiProperty({ example: 10 }) minimumGroupSize!: number;
  @ApiProperty({ type: [FunnelStageView] }) overall!: FunnelStageView[];
  @ApiProperty({ type: [EquityGroupView] }) groups!: EquityGroupView[];
}

export class MilestonesReachedView {
  @ApiProperty() applied!: boolean;
  @ApiProperty() enrolled!: boolean;
  @ApiProperty() completed!: boolean;
  @ApiProperty() placed!: boolean;
  @ApiProperty() employed!: boolean;
  @ApiProperty({ description: 'At 26 weeks' }) sustained!: boolean;
}

export class TimelineEntryView {
  @ApiProperty({ enum: MILESTONES }) milestone!: string;
  @ApiProperty({ example: '2026-11-04', description: 'The day it happened, in the organisation’s calendar' }) on!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { placementId: '7e735a08-05e0-4223-805e-0fde0566578b', hostName: 'Calderdale Recovery Hub', roleTitle: 'Peer support volunteer', status: 'active' },
    description: 'What the milestone’s record says: the application, enrolment, placement or job it comes from',
  })
  details!: Record<string, unknown>;
}

export class ProgressionTimelineView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ type: MilestonesReachedView, description: 'Whether each milestone has been reached at least once' }) reached!: MilestonesReachedView;
  @ApiProperty({ type: [TimelineEntryView], description: 'Oldest first' }) milestones!: TimelineEntryView[];
}

export class MySupervisionView {
  @ApiProperty({ format: 'uuid' }) placementId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty() roleTitle!: string;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status!: string;
  @ApiProperty({ type: SupervisionDueView }) supervision!: SupervisionDueView;
  @ApiProperty({ type: [ReviewPointView] }) reviews!: ReviewPointView[];
  @ApiProperty({ type: [SupervisionRecordView], description: 'Sessions held, without the supervisor’s notes' }) records!: SupervisionRecordView[];
}

export class MyDetailsView {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) preferredName!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The locality’s name' }) locality!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '1990-02-03' }) dateOfBirth!: string | null;
  @ApiProperty({ enum: CONTACT_CHANNELS, isArray: true }) contactPreferences!: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ description: 'Send back on PATCH to be told when someone else saved in between' }) version!: number;
}

export class MyDataSectionView {
  @ApiProperty() title!: string;
  @ApiProperty() why!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true } },
  })
  records!: Array<Record<string, string | number | boolean | null>>;
}

export class MyDataView {
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ description: 'The organisation’s name' }) organisation!: string;
  @ApiProperty({ description: 'The person’s name' }) person!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(MyDataSectionView) }, description: 'Each section by its key' }) sections!: Record<string, MyDataSectionView>;
}
