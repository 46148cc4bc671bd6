import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@steppingstone/core';
import { SessionResponse } from './auth.dto';

/** Response shapes of /auth, for the OpenAPI document the web app's client is generated from. */
export class OrganisationRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'E09000019' }) boroughCode!: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) secondFactorRequiredRoles!: string[];
  @ApiProperty({ nullable: true, type: Number }) retentionMonths!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) defaultCensusDatasetId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class SignedUpView extends SessionResponse {
  @ApiProperty({ type: OrganisationRecordView, description: 'The new organisation' }) organisation!: OrganisationRecordView;
}

export class AccountUserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty() secondFactorEnabled!: boolean;
}

export class AccountOrganisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'E09000019' }) boroughCode!: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone!: string;
}

export class MembershipChoiceView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
}

export class AccountResponseView {
  @ApiProperty({ type: AccountUserView }) user!: AccountUserView;
  @ApiProperty({ type: AccountOrganisationView }) organisation!: AccountOrganisationView;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [MembershipChoiceView], description: 'Every organisation the account belongs to' }) memberships!: MembershipChoiceView[];
}

export class SecondFactorSetupView {
  @ApiProperty({ description: 'Base32 secret, for typing into an authenticator app' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Steppingstone:amara%40islington.example?secret=…' }) otpauthUrl!: string;
}

export class RecoveryCodesView {
  @ApiProperty({ type: [String], description: 'Ten single-use recovery codes, shown only once' }) recoveryCodes!: string[];
}
