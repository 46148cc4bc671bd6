import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Actor, AllowRoles, AnyMember, Role, SPECIAL_CATEGORY_ROLES } from '@steppingstone/core';
import { OrganisationSettings } from '@steppingstone/organisations';
import { CurrentActor } from '../auth/request-context';
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

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 1200, example: 36, description: 'Months after a person’s last activity before the retention job anonymises them; null keeps records' })
  @IsOptional()
  @IsInt({ message: 'retentionMonths must be a whole number of months, or null' })
  @Min(1, { message: 'retentionMonths must be at least 1' })
  @Max(1200, { message: 'retentionMonths must be at most 1200' })
  retentionMonths?: number | null;
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly settings: OrganisationSettings) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: 'Your organisation' })
  get(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Patch()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Change the name, time zone, which roles must use two-step sign-in, or the retention period' })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganisationDto) {
    return this.settings.update(actor, body);
  }
}
