import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { Localities } from '@steppingstone/areas';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { trim } from '../transforms';

export class LocalityDto {
  @ApiProperty({ example: 'North' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: ['E05013700'], description: 'ONS codes (wards, MSOAs, LSOAs) the locality covers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[EW]0[0-9]{7}$/, { each: true, message: 'onsCodes must be ONS codes such as E05013700' })
  onsCodes?: string[];
}

export class UpdateLocalityDto extends PartialType(LocalityDto) {}

@ApiTags('areas')
@ApiBearerAuth()
@Controller('localities')
export class LocalitiesController {
  constructor(private readonly localities: Localities) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: "The organisation's localities (catchments, neighbourhoods, districts)" })
  list(@CurrentActor() actor: Actor) {
    return this.localities.list(actor);
  }

  @Post()
  @AllowRoles(Role.Admin)
  create(@CurrentActor() actor: Actor, @Body() body: LocalityDto) {
    return this.localities.create(actor, body);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateLocalityDto) {
    return this.localities.update(actor, id, body);
  }
}
