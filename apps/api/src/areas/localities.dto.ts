import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { RequiredText } from '../validation';

export class LocalityDto {
  @ApiProperty({ example: 'North' })
  @RequiredText(120)
  name: string;

  @ApiPropertyOptional({ example: ['E05013700'], description: 'ONS codes (wards, MSOAs, LSOAs) the locality covers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[EW]0[0-9]{7}$/, { each: true, message: 'onsCodes must be ONS codes such as E05013700' })
  onsCodes?: string[];
}

export class UpdateLocalityDto extends PartialType(LocalityDto) {}
