import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, CLAIM_STATUSES, EXPENSE_CATEGORIES, RECEIPT_TYPES } from '@steppingstone/field';
import { CHECK_KINDS, DBS_LEVELS } from '@steppingstone/placements';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class ActivityEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) placementId!: string | null;
  @ApiProperty({ example: '2026-11-30' }) occurredOn!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind!: string;
  @ApiProperty({ nullable: true, type: Number }) peopleReached!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) localityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) localityName!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'What the reviewer asked, when queried' }) queryNote!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty() version!: number;
}

export class ActivityPageView {
  @ApiProperty({ type: [ActivityEntryView] }) items!: ActivityEntryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ActivityTotalRowView {
  @ApiPropertyOptional({ example: '2026-11' }) month?: string;
  @ApiPropertyOptional({ format: 'uuid' }) personId?: string;
  @ApiPropertyOptional() personName?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) placementId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) localityId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) localityName?: string | null;
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS }) kind?: string;
  @ApiProperty() entries!: number;
  @ApiProperty() minutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty() peopleReached!: number;
}

export class ActivityTotalView {
  @ApiProperty() entries!: number;
  @ApiProperty() minutes!: number;
  @ApiProperty() hours!: number;
  @ApiProperty() peopleReached!: number;
  @ApiProperty({ description: 'People with at least one entry' }) people!: number;
}

export class ActivityTotalsView {
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty({ type: [String] }) by!: string[];
  @ApiProperty({ enum: ['approved', 'all'] }) status!: string;
  @ApiProperty({ type: [ActivityTotalRowView] }) rows!: ActivityTotalRowView[];
  @ApiProperty({ type: ActivityTotalView }) total!: ActivityTotalView;
  @ApiProperty({ nullable: true, type: Number, description: 'Hours × the organisation’s hourly rate, in pence' }) socialValuePence!: number | null;
  @ApiProperty() socialValueHourlyPence!: number;
}

export class QuietPersonView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ nullable: true, type: String }) lastLoggedOn!: string | null;
  @ApiProperty() quietDays!: number;
  @ApiProperty() flaggedOn!: string;
}

export class ReceiptInfoView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RECEIPT_TYPES }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class ExpenseClaimView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty() incurredOn!: string;
  @ApiProperty({ enum: EXPENSE_CATEGORIES }) category!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: Number }) miles!: number | null;
  @ApiProperty({ description: 'In pence; for mileage an estimate until approved, then what is paid' }) amountPence!: number;
  @ApiProperty({ enum: CLAIM_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) reviewNote!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The payment batch that exported it' }) exportBatchId!: string | null;
  @ApiProperty({ type: [ReceiptInfoView] }) receipts!: ReceiptInfoView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty() version!: number;
}

export class ClaimPageView {
  @ApiProperty({ type: [ExpenseClaimView] }) items!: ExpenseClaimView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PaymentBatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() claimCount!: number;
  @ApiProperty() totalPence!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class FieldSettingsView {
  @ApiProperty() socialValueHourlyPence!: number;
  @ApiProperty() mileagePencePerMile!: number;
  @ApiProperty() mileagePencePerMileAbove!: number;
  @ApiProperty() mileageThresholdMiles!: number;
  @ApiProperty() noActivityDays!: number;
  @ApiProperty() checkExpiryNoticeDays!: number;
}

export class SafetyCheckView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() personName!: string;
  @ApiProperty({ enum: CHECK_KINDS }) kind!: string;
  @ApiProperty({ enum: DBS_LEVELS, nullable: true, type: String }) dbsLevel!: string | null;
  @ApiProperty() barredList!: boolean;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() checkedOn!: string;
  @ApiProperty({ nullable: true, type: String }) expiresOn!: string | null;
  @ApiProperty() evidenceSeenBy!: string;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ enum: ['valid', 'expiring', 'expired'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class CoordinatorMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['cohort', 'intake-stage'] }) audience!: string;
  @ApiProperty({ nullable: true, type: String }) cohortId!: string | null;
  @ApiProperty({ nullable: true, type: String }) intakeId!: string | null;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ description: 'People it was sent to' }) recipients!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Deliveries so far by status (sent, skipped, failed, sending)', example: { sent: 12, skipped: 1 } })
  deliveries!: Record<string, number>;
}
