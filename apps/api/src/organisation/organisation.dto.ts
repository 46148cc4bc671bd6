import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Role, SPECIAL_CATEGORY_ROLES } from '@steppingstone/core';
import { IsTimeZone } from '../validation';

export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: SPECIAL_CATEGORY_ROLES, isArray: true, description: 'Roles that must use two-step sign-in' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIAL_CATEGORY_ROLES, { each: true, message: `secondFactorRequiredRoles may contain only ${SPECIAL_CATEGORY_ROLES.join(', ')}` })
  secondFactorRequiredRoles?: Role[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 1200,
    example: 36,
    description: 'Months after a person’s last activity before the retention job anonymises them; null keeps records',
  })
  @IsOptional()
  @IsInt({ message: 'retentionMonths must be a whole number of months, or null' })
  @Min(1, { message: 'retentionMonths must be at least 1' })
  @Max(1200, { message: 'retentionMonths must be at most 1200' })
  retentionMonths?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The census dataset reports and gap analyses compare with when the programme names none; null: the newest with figures for the borough',
  })
  @IsOptional()
  @IsUUID('all', { message: 'defaultCensusDatasetId must be a census dataset id (a UUID), or null' })
  defaultCensusDatasetId?: string | null;
}
