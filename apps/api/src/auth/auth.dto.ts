import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROLES } from '@steppingstone/core';
import { BOROUGH_CODE, IsTimeZone, IsUuid, OptionalUuid, RequiredText } from '../validation';
import { trim } from '../transforms';

export class SignUpDto {
  @ApiProperty({ example: 'Islington Council' })
  @RequiredText(200)
  organisationName: string;

  @ApiProperty({ example: 'E09000019', description: 'ONS code of the borough (local authority)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(BOROUGH_CODE, { message: 'boroughCode must be an ONS local authority code such as E09000019' })
  boroughCode: string;

  @ApiPropertyOptional({ example: 'Europe/London', default: 'Europe/London' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ example: 'Amara Okafor' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: 'amara@islington.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class VerifySignUpDto {
  @ApiProperty({ description: 'The token from the sign-up email (the `token` of its link)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class SignUpAcceptedResponse {
  @ApiProperty({ description: 'The same whether or not the address already has an account' })
  message: string;
}

export class LoginDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ description: 'Which organisation to sign in to, when you belong to several' })
  @OptionalUuid()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Six-digit code from an authenticator app' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;

  @ApiPropertyOptional({ description: 'A recovery code, instead of totpCode' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

export class SwitchOrganisationDto {
  @ApiProperty()
  @IsUuid()
  organisationId: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  newPassword: string;
}

export class ConfirmSecondFactorDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class DisableSecondFactorDto {
  @ApiPropertyOptional()
  @ValidateIf((o: DisableSecondFactorDto) => !o.recoveryCode)
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits (or send recoveryCode)' })
  totpCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

export class SessionResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`; the web app receives it as an HttpOnly cookie' })
  token: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt: Date;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  @ApiProperty({ format: 'uuid' })
  organisationId: string;
  @ApiProperty({ enum: ROLES })
  role: string;
}
