import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@steppingstone/core';

/** Response shapes of /members, for the OpenAPI document the web app's client is generated from. */
export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty() secondFactorEnabled!: boolean;
  @ApiProperty({ format: 'date-time' }) joinedAt!: Date;
}

export class MemberPageView {
  @ApiProperty({ type: [MemberView] }) items!: MemberView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
