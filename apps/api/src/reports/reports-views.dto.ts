import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class ReportDownloadsView {
  @ApiPropertyOptional({ example: '/reports/74684edc-0630-44e0-b4ca-8269101e6bb1/download?format=csv' }) csv?: string;
  @ApiPropertyOptional({ example: '/reports/74684edc-0630-44e0-b4ca-8269101e6bb1/download?format=html' }) html?: string;
  @ApiPropertyOptional({ example: '/reports/74684edc-0630-44e0-b4ca-8269101e6bb1/download?format=pdf' }) pdf?: string;
}

export class ReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The job that produces it: the report’s own id' }) jobId!: string;
  @ApiProperty({ enum: ['weekly', 'monthly', 'on-demand'] }) kind!: string;
  @ApiProperty({ example: '2026-11-01' }) periodFrom!: string;
  @ApiProperty({ example: '2026-11-30' }) periodTo!: string;
  @ApiProperty() shared!: boolean;
  @ApiProperty() suppressionThreshold!: number;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Null for a scheduled report' }) requestedBy!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
  @ApiProperty({ type: ReportDownloadsView, description: 'Download paths, once it is done' }) downloads!: ReportDownloadsView;
}

export class ReportPageView {
  @ApiProperty({ type: [ReportView] }) items!: ReportView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
