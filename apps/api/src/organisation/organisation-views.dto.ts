import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@steppingstone/core';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'E09000019', description: 'ONS code of the local authority' }) boroughCode!: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone!: string;
  @ApiProperty({ enum: Role, isArray: true, description: 'Roles that must use two-step sign-in' }) secondFactorRequiredRoles!: Role[];
  @ApiProperty({ nullable: true, type: Number, description: 'Months after a person’s last activity before anonymisation; null keeps records' }) retentionMonths!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) defaultCensusDatasetId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}
