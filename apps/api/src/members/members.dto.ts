import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, Role, ROLES } from '@steppingstone/core';
import { MembershipStatus } from '@steppingstone/organisations';

const STATUSES: MembershipStatus[] = ['active', 'disabled'];

export class MemberFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: MembershipStatus;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: STATUSES, description: 'disabled ends all their sessions in this organisation' })
  @IsOptional()
  @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: MembershipStatus;
}
