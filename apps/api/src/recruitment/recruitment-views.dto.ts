import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { APPLICATION_CHANNELS, APPLICATION_SOURCES, APPLICATION_STAGES, ApplicationStage, INTAKE_STATUSES, PARTNER_KINDS, PROGRAMME_KINDS } from '@steppingstone/recruitment';
import { ApplicationResponse } from './entered-application.dto';

/** Response shapes of programmes, intakes and applications, for the OpenAPI document the web app's client is generated from. */
export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Peer Mentor training' }) name!: string;
  @ApiProperty({ enum: PROGRAMME_KINDS }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty() eligibilityNotes!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The census dataset it compares against; null: the organisation’s default' }) censusDatasetId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) archivedAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class LocalityCapacityView {
  @ApiProperty({ format: 'uuid' }) localityId!: string;
  @ApiProperty() capacity!: number;
}

export class IntakeView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ example: 'Spring intake' }) name!: string;
  @ApiProperty({ example: '2026-03-02' }) opensOn!: string;
  @ApiProperty({ example: '2026-03-27' }) closesOn!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ enum: INTAKE_STATUSES }) status!: string;
  @ApiProperty({ description: 'The last part of the public form’s address' }) publicSlug!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: [LocalityCapacityView] }) localityCapacities!: LocalityCapacityView[];
  @ApiProperty({ description: 'Where residents apply while the intake is open' }) publicUrl!: string;
}

export class EventLinkView {
  @ApiProperty({ description: 'The intake’s public form, carrying the event token' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: Date;
}

/** Every stage, zero where empty (a class, so the property itself stays required: a `required` list in its options replaced that). */
export class StageCountsView implements Record<ApplicationStage, number> {
  @ApiProperty({ type: 'integer' }) applied!: number;
  @ApiProperty({ type: 'integer' }) screened!: number;
  @ApiProperty({ type: 'integer' }) taster!: number;
  @ApiProperty({ type: 'integer' }) offered!: number;
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) enrolled!: number;
  @ApiProperty({ type: 'integer' }) waitlisted!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer' }) withdrawn!: number;
}

const STAGE_COUNTS: ApiPropertyOptions = { type: StageCountsView, description: 'Every stage, zero where empty' };

export class PipelineView {
  @ApiProperty({ format: 'uuid' }) intakeId!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() total!: number;
  @ApiProperty(STAGE_COUNTS) stages!: Record<string, number>;
}

export class PartnerPipelineResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: applicants who came without a partner' }) partnerId: string | null;
  @ApiProperty({ example: 'Holloway Jobcentre' }) name: string;
  @ApiProperty({ nullable: true, enum: PARTNER_KINDS }) kind: string | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() total: number;
  @ApiProperty(STAGE_COUNTS) stages: Record<string, number>;
}

export class PartnerPipelineListResponse {
  @ApiProperty({ format: 'uuid' }) intakeId: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [PartnerPipelineResponse] }) partners: PartnerPipelineResponse[];
}

export class ApplicationListItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) intakeId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ example: 'K7MX4QPT' }) reference!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) preferredName!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) localityId!: string | null;
  @ApiProperty({ enum: APPLICATION_STAGES }) stage!: string;
  @ApiProperty({ enum: APPLICATION_SOURCES }) source!: string;
  @ApiProperty({ nullable: true, type: String }) referrer!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerName!: string | null;
  @ApiProperty({ nullable: true, enum: APPLICATION_CHANNELS }) channel!: string | null;
  @ApiProperty({ format: 'date-time' }) appliedAt!: Date;
  @ApiProperty({ format: 'date-time' }) stageChangedAt!: Date;
  @ApiProperty() version!: number;
}

export class ApplicationPageView {
  @ApiProperty({ type: [ApplicationListItemView] }) items!: ApplicationListItemView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ApplicationTransitionView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ description: 'A bigint, as a string', example: '1042' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ nullable: true, enum: APPLICATION_STAGES, description: 'null: the application arriving' }) fromStage!: string | null;
  @ApiProperty({ enum: APPLICATION_STAGES }) toStage!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
}

export class ApplicationWithHistoryView extends ApplicationResponse {
  @ApiProperty({ type: [ApplicationTransitionView], description: 'Every move between stages, oldest first' }) history!: ApplicationTransitionView[];
}
