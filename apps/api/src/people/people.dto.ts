import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '@steppingstone/core';
import { trim } from '../transforms';
import { ContactDetailsDto, PersonDetailsDto } from './contact-details.dto';
import { IsUuid, LoadedVersion, OptionalUuid } from '../validation';

export class CreatePersonDto extends PersonDetailsDto {
  @ApiPropertyOptional({ description: 'Create the record even though someone with the same email, phone, or name and date of birth exists (they are different people)' })
  @IsOptional()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class UpdatePersonDto extends ContactDetailsDto {
  @ApiPropertyOptional({ example: 'Jo Bloggs', maxLength: 200 })
  @ValidateIf((dto: UpdatePersonDto) => dto.name !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'The version you loaded; if someone saved in between, the change is refused with 409' })
  @LoadedVersion()
  version?: number;
}

export class PeopleFilterDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, email or postcode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  localityId?: string;
}

export class MergePeopleDto {
  @ApiProperty({ format: 'uuid', description: 'The record to fold into this one; it is deleted once its applications and consents have moved' })
  @IsUuid()
  duplicateId: string;
}

export class LinkAccountDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The member’s user id, or null to unlink' })
  @ValidateIf((o: LinkAccountDto) => o.userId !== null)
  @IsUUID('all', { message: 'userId must be a UUID or null' })
  userId: string | null;
}
