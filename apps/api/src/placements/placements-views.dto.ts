import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPPORTUNITY_REQUIREMENTS, PLACEMENT_STATUSES } from '@steppingstone/placements';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class HostOrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) localityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) localityName!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ description: 'Opportunities the host offers' }) opportunities!: number;
  @ApiProperty({ description: 'Placements with the host that are active or paused' }) activePlacements!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class HostOrganisationPageView {
  @ApiProperty({ type: [HostOrganisationView] }) items!: HostOrganisationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class OpportunityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty() roleTitle!: string;
  @ApiProperty({ description: 'Empty when none was given' }) description!: string;
  @ApiProperty() hoursPerWeek!: number;
  @ApiProperty() places!: number;
  @ApiProperty({ description: 'Places taken by placements that are proposed, active or paused' }) placesTaken!: number;
  @ApiProperty({ enum: OPPORTUNITY_REQUIREMENTS, isArray: true }) requirements!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class SupervisionDueView {
  @ApiProperty() intervalDays!: number;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-30' }) lastHeldOn!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-14', description: 'Null once the placement has ended: nothing more falls due' }) nextDueOn!: string | null;
  @ApiProperty() overdue!: boolean;
}

export class ReviewPointView {
  @ApiProperty({ description: 'Weeks after the start' }) week!: number;
  @ApiProperty({ example: '2026-12-14' }) dueOn!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-14' }) heldOn!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['continue', 'change-needed', 'end'] }) outcome!: string | null;
  @ApiProperty({ enum: ['held', 'due', 'overdue', 'upcoming', 'not-reached'] }) state!: string;
}

export class PlacementActivityView {
  @ApiProperty({ nullable: true, type: String, example: '2026-11-30' }) lastLoggedOn!: string | null;
  @ApiProperty({ description: 'Days since the last entry, or since the placement started when nothing is logged' }) quietDays!: number;
  @ApiProperty() noActivityDays!: number;
  @ApiProperty({ description: 'Active, and quiet for noActivityDays or more' }) noActivityFlag!: boolean;
}

export class PlacementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) opportunityId!: string | null;
  @ApiProperty() roleTitle!: string;
  @ApiProperty() supervisorName!: string;
  @ApiProperty({ nullable: true, type: String }) supervisorContact!: string | null;
  @ApiProperty() hoursPerWeek!: number;
  @ApiProperty({ example: '2026-11-02' }) startsOn!: string;
  @ApiProperty({ example: '2027-02-01' }) plannedEndOn!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-01-15' }) endedOn!: string | null;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;
  @ApiProperty() partTimeCompatible!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2026-10-28' }) riskAssessedOn!: string | null;
  @ApiProperty({ type: [Number] }) reviewWeeks!: number[];
  @ApiProperty({ type: SupervisionDueView }) supervision!: SupervisionDueView;
  @ApiProperty({ type: [ReviewPointView] }) reviews!: ReviewPointView[];
  @ApiProperty({ nullable: true, type: String, example: '2026-11-16', description: 'The supervision session that signed the mentor off to visit alone' }) loneWorkingSignedOffOn!: string | null;
  @ApiProperty({ type: PlacementActivityView }) activity!: PlacementActivityView;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty() version!: number;
}

export class PlacementPageView {
  @ApiProperty({ type: [PlacementView] }) items!: PlacementView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SupervisionRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) placementId!: string;
  @ApiProperty({ example: '2026-11-30' }) heldOn!: string;
  @ApiProperty() supervisorName!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Present only for coordinators and admins' }) notes?: string | null;
  @ApiProperty({ nullable: true, type: String }) actions!: string | null;
  @ApiProperty() wellbeingConcern!: boolean;
  @ApiProperty() loneWorkingSignedOff!: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt!: Date;
}
