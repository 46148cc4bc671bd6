import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { toBoolean } from '../transforms';
import { RequiredText } from '../validation';

export class NewCensusDatasetDto {
  @ApiProperty({ example: 'Census 2021' })
  @RequiredText(200)
  name: string;

  @ApiPropertyOptional({ example: 'ONS Census 2021 tables for Islington and its LSOAs' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class CensusImportQuery {
  @ApiPropertyOptional({ description: 'true: check and report only, store nothing', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class CensusFiguresQuery {
  @ApiPropertyOptional({ example: 'E09000019' })
  @IsOptional()
  @Matches(/^[EWSN]\d{8}$/, { message: 'areaCode must be an ONS code such as E09000019' })
  areaCode?: string;

  @ApiPropertyOptional({ example: 'ethnicity' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'dimension must be a name such as ethnicity' })
  dimension?: string;
}
