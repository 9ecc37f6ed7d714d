import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ENTITY_KINDS, INTEREST_TYPES } from '@quorum/contracts';
import type { BodsShare, DirectOrIndirect, EntityKind, InterestType } from '@quorum/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IdentifierDto {
  @ApiProperty({ example: 'GB-COH' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  scheme!: string;

  @ApiProperty({ example: '01234567' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  id!: string;
}

export class CreateEntityDto {
  @ApiProperty({ example: 'Meridian Growth Fund II' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ENTITY_KINDS })
  @IsIn(ENTITY_KINDS, { message: `kind must be one of: ${ENTITY_KINDS.join(', ')}` })
  kind!: EntityKind;

  @ApiPropertyOptional({ type: [IdentifierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];
}

export class InterestSourceDto {
  @ApiProperty({ example: 'Companies House filing, 2026-05-02' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'source.description must not be empty' })
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'source.url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;
}

export class RecordInterestDto {
  @ApiProperty()
  @IsUUID('all', { message: 'interestedPartyId must be a UUID' })
  interestedPartyId!: string;

  @ApiProperty()
  @IsUUID('all', { message: 'subjectId must be a UUID' })
  subjectId!: string;

  @ApiProperty({ enum: INTEREST_TYPES, description: 'BODS 0.4 interestType code' })
  @IsIn(INTEREST_TYPES, { message: 'type must be a BODS 0.4 interestType code' })
  type!: InterestType;

  /** BODS share object; checked by the registry (bounds, exact-with-bounds, min above max). */
  @ApiPropertyOptional({ example: { exact: 49 } })
  @IsOptional()
  @IsObject({ message: 'share must be an object like { exact } or { minimum, maximum }' })
  share?: BodsShare;

  @ApiPropertyOptional({ enum: ['direct', 'indirect', 'unknown'] })
  @IsOptional()
  @IsIn(['direct', 'indirect', 'unknown'])
  directOrIndirect?: DirectOrIndirect;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'startDate must be a date (YYYY-MM-DD)' })
  startDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'endDate must be a date (YYYY-MM-DD)' })
  endDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  details?: string;

  @ApiProperty({ type: InterestSourceDto })
  @IsObject({ message: 'source must be an object with a description' })
  @ValidateNested()
  @Type(() => InterestSourceDto)
  source!: InterestSourceDto;
}

export class EndInterestDto {
  @ApiProperty({ example: '2026-11-30' })
  @IsDateString({ strict: true }, { message: 'endDate must be a date (YYYY-MM-DD)' })
  endDate!: string;
}
