import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@steppingstone/core';

/** Response shapes of /invitations, for the OpenAPI document the web app's client is generated from. */
export class InvitationView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ format: 'uuid', description: 'The admin who invited' }) invitedBy!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acceptedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) acceptedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) emailSentAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status!: string;
}

export class InvitationPageView {
  @ApiProperty({ type: [InvitationView] }) items!: InvitationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AcceptedInvitationView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty() email!: string;
}
