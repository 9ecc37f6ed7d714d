import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, SELF_REGISTERED_ORG_KINDS } from '@quorum/contracts';
import type { CreateMemberRequest, LoginRequest, RegisterRequest, Role } from '@quorum/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const PASSWORD_MIN_LENGTH = 12;

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'ada@northwind-ai.example' })
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(256)
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ example: 'Northwind AI' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'orgName must be at least 2 characters' })
  @MaxLength(160)
  orgName!: string;

  @ApiProperty({ enum: SELF_REGISTERED_ORG_KINDS })
  @IsIn(SELF_REGISTERED_ORG_KINDS, { message: `orgKind must be one of: ${SELF_REGISTERED_ORG_KINDS.join(', ')}` })
  orgKind!: 'lab' | 'vendor';
}

export class LoginDto implements LoginRequest {
  @ApiProperty()
  @Transform(lower)
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class CreateMemberDto implements CreateMemberRequest {
  @ApiProperty()
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(256)
  password!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'displayName must not be empty' })
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}
