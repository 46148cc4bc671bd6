import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PROGRAMME_KINDS, ProgrammeKind } from '@steppingstone/recruitment';
import { toBoolean } from '../transforms';
import { RequiredText } from '../validation';

export class ProgrammeDto {
  @ApiProperty({ example: 'Peer Mentor training' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ enum: PROGRAMME_KINDS })
  @IsIn(PROGRAMME_KINDS, { message: `kind must be one of ${PROGRAMME_KINDS.join(', ')}` })
  kind: ProgrammeKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: 'Aged 18+, lives in the borough, own lived experience of recovery' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  eligibilityNotes?: string;
}

export class UpdateProgrammeDto extends PartialType(ProgrammeDto) {
  @ApiPropertyOptional({ description: 'true archives the programme; false brings it back' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class CensusDatasetChoiceDto {
  @ApiProperty({ type: String, nullable: true, description: 'A census dataset of this organisation, or null for none' })
  @ValidateIf((o: CensusDatasetChoiceDto) => o.datasetId !== null)
  @IsUUID('all', { message: 'datasetId must be a UUID or null' })
  datasetId: string | null;
}

export class ProgrammeFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeArchived must be true or false' })
  includeArchived?: boolean;
}
