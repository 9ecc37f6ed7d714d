import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsNumber, IsString, Max, MaxLength, Min, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { CONFLICT_ACTIONS } from '@quorum/contracts';
import type { ConflictAction, ConflictPolicy, WaiveConflictRequest } from '@quorum/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'all-labs', or a list of registry entity ids (at most 500). */
function IsCompetitorSet(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCompetitorSet',
      validator: {
        validate: (value: unknown) =>
          value === 'all-labs' || (Array.isArray(value) && value.length <= 500 && value.every((v) => typeof v === 'string' && UUID.test(v))),
        defaultMessage: () => 'competitors must be "all-labs" or a list of entity ids (UUIDs)',
      },
    },
    options,
  );
}

export class ConflictPolicyDto implements ConflictPolicy {
  @ApiProperty({ oneOf: [{ type: 'string', enum: ['all-labs'] }, { type: 'array', items: { type: 'string', format: 'uuid' } }] })
  @IsCompetitorSet()
  competitors!: 'all-labs' | string[];

  @ApiProperty({ minimum: 0, maximum: 100, example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'economicThreshold must be a number' })
  @Min(0)
  @Max(100)
  economicThreshold!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'votingThreshold must be a number' })
  @Min(0)
  @Max(100)
  votingThreshold!: number;

  @ApiProperty({ enum: CONFLICT_ACTIONS })
  @IsIn(CONFLICT_ACTIONS, { message: `boardSeat must be one of: ${CONFLICT_ACTIONS.join(', ')}` })
  boardSeat!: ConflictAction;

  @ApiProperty({ enum: CONFLICT_ACTIONS })
  @IsIn(CONFLICT_ACTIONS, { message: `agreements must be one of: ${CONFLICT_ACTIONS.join(', ')}` })
  agreements!: ConflictAction;

  @ApiProperty({ enum: ['block', 'flag'] })
  @IsIn(['block', 'flag'], { message: 'onConflict must be block or flag' })
  onConflict!: 'block' | 'flag';
}

export class WaiveConflictDto implements WaiveConflictRequest {
  @ApiProperty({ description: 'Why the lab accepts this vendor despite the conflict' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'justification must be text' })
  @MinLength(1, { message: 'justification must not be empty' })
  @MaxLength(4000)
  justification!: string;

  @ApiProperty({ example: '2027-05-31T00:00:00Z' })
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt!: string;
}
