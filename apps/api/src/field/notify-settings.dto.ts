import { MessageAudienceQueryDto } from '../messages/message-audience.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ISO_DATE_PATTERN } from '@steppingstone/core';
import { CHECK_KINDS, CheckKind, DBS_LEVELS, DbsLevel } from '@steppingstone/placements';
import { NOTIFY_TEMPLATE_KINDS } from '@steppingstone/notifications';
import { IsUuid } from '../validation';

export class TemplateIdsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The Notify text template (must contain ((message)))' })
  @IsOptional()
  @IsUUID('all', { message: 'sms must be a Notify template id (a UUID)' })
  sms?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The Notify email template (must contain ((subject)) and ((message)))' })
  @IsOptional()
  @IsUUID('all', { message: 'email must be a Notify template id (a UUID)' })
  email?: string;
}

/** One optional entry per kind of message. */
export class NotifyTemplatesDto {}
for (const kind of NOTIFY_TEMPLATE_KINDS) {
  ApiPropertyOptional({ type: TemplateIdsDto })(NotifyTemplatesDto.prototype, kind);
  IsOptional()(NotifyTemplatesDto.prototype, kind);
  ValidateNested()(NotifyTemplatesDto.prototype, kind);
  Type(() => TemplateIdsDto)(NotifyTemplatesDto.prototype, kind);
}

/** Notify's keys are `<key name>-<service id>-<secret>`, the last two UUIDs. */
const NOTIFY_KEY = /^[A-Za-z0-9_ -]{1,200}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class NotifySettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The GOV.UK Notify API key (name-serviceid-secret). Stored sealed and never returned; null removes it.', writeOnly: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(NOTIFY_KEY, { message: 'apiKey must be a GOV.UK Notify API key: its name, then the service id and the secret (two UUIDs)' })
  apiKey?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 16,
    maxLength: 200,
    description: 'The bearer token Notify sends with delivery receipts (set the same in Notify’s callback settings). Never returned; null removes it.',
    writeOnly: true,
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(16, 200)
  callbackToken?: string | null;

  @ApiPropertyOptional({ description: 'Send email through Notify too (each kind then needs an email template); otherwise email goes by SMTP' })
  @IsOptional()
  @IsBoolean()
  emailViaNotify?: boolean;

  @ApiPropertyOptional({ type: NotifyTemplatesDto, description: `Template ids per kind of message: ${NOTIFY_TEMPLATE_KINDS.join(', ')}. Replaces the whole set when given.` })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotifyTemplatesDto)
  templates?: NotifyTemplatesDto;
}

export class NotifySettingsViewDto {
  @ApiProperty() apiKeySet!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The key’s name and service id, without the secret' }) apiKeyName!: string | null;
  @ApiProperty() callbackTokenSet!: boolean;
  @ApiProperty() emailViaNotify!: boolean;
  @ApiProperty({ type: NotifyTemplatesDto }) templates!: NotifyTemplatesDto;
  @ApiProperty({ description: 'Give Notify this URL for delivery receipts' }) callbackUrl!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: Date | null;
}

/** The body GOV.UK Notify posts to the delivery receipts callback. */
export class NotifyReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'Notify’s id for the message' })
  @IsUuid()
  id!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The reference sent with the message: the delivery log’s key' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  reference?: string | null;

  @ApiProperty({ enum: ['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure'] })
  @IsIn(['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure'], { message: 'status must be delivered, permanent-failure, temporary-failure or technical-failure' })
  status!: 'delivered' | 'permanent-failure' | 'temporary-failure' | 'technical-failure';

  @ApiPropertyOptional({ description: 'The phone number or email address' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  to?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'created_at must be a date and time' })
  created_at?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'completed_at must be a date and time' })
  completed_at?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'sent_at must be a date and time' })
  sent_at?: string | null;

  @ApiPropertyOptional({ enum: ['sms', 'email', 'letter'] })
  @IsOptional()
  @IsIn(['sms', 'email', 'letter'])
  notification_type?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  template_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  template_version?: number;
}

export class SafetyCheckDto {
  @ApiProperty({ enum: CHECK_KINDS })
  @IsIn(CHECK_KINDS, { message: `kind must be one of ${CHECK_KINDS.join(', ')}` })
  kind!: CheckKind;

  @ApiPropertyOptional({ enum: DBS_LEVELS, nullable: true, description: 'DBS checks only' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(DBS_LEVELS, { message: `dbsLevel must be one of ${DBS_LEVELS.join(', ')}` })
  dbsLevel?: DbsLevel | null;

  @ApiPropertyOptional({ description: 'Enhanced DBS only: the barred list was checked too' })
  @IsOptional()
  @IsBoolean()
  barredList?: boolean;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true, description: 'Training: what it was (e.g. Safeguarding adults level 1); reference: the referee' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 200)
  title?: string | null;

  @ApiProperty({ example: '2026-01-15' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'checkedOn must be a date (YYYY-MM-DD)' })
  @Matches(ISO_DATE_PATTERN, { message: 'checkedOn must be a date (YYYY-MM-DD)' })
  checkedOn!: string;

  @ApiPropertyOptional({ type: String, example: '2029-01-15', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expiresOn must be a date (YYYY-MM-DD)' })
  @Matches(ISO_DATE_PATTERN, { message: 'expiresOn must be a date (YYYY-MM-DD)' })
  expiresOn?: string | null;

  @ApiProperty({ maxLength: 200, description: 'Who saw the evidence (no certificate images are kept)', example: 'Sam Coordinator' })
  @IsString()
  @Length(1, 200)
  evidenceSeenBy!: string;

  @ApiPropertyOptional({ type: String, maxLength: 1000, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

/** A message to a cohort or an intake stage: the group (as previewed by `GET /message-audience`) and the words. */
export class CoordinatorMessageDto extends MessageAudienceQueryDto {
  @ApiProperty({ maxLength: 200, example: 'Change of venue on Thursday' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ maxLength: 2000, description: 'The words of the message; a text sends them as written', example: 'Thursday’s session is at the library, same time.' })
  @IsString()
  @Length(1, 2000)
  body!: string;
}

export { IsISO8601 };
