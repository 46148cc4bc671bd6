import { ApiProperty } from '@nestjs/swagger';

/** Response shapes of /audit-log, for the OpenAPI document the web app's client is generated from. */
export class AuditEntryView {
  @ApiProperty({ description: 'A bigint, as a string', example: '1042' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ example: 'auth.login' }) action!: string;
  @ApiProperty({ nullable: true, type: String, example: 'invitation' }) entityType!: string | null;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the action was about; its keys depend on the action' }) details!: Record<string, unknown>;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
