import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { TASK_TYPES } from '@quorum/contracts';
import type { TaskType, VendorProfile } from '@quorum/contracts';

/** `{ [taskType]: price }` with known task types and prices between 0 and 1000. */
function IsPriceList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPriceList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([k, v]) => (TASK_TYPES as readonly string[]).includes(k) && typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000),
        defaultMessage: () => `prices must map task types (${TASK_TYPES.join(', ')}) to a price between 0 and 1000`,
      },
    },
    options,
  );
}

export class VendorProfileDto implements VendorProfile {
  @ApiProperty({ enum: TASK_TYPES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TASK_TYPES.length)
  @IsIn(TASK_TYPES, { each: true, message: `each skill must be one of: ${TASK_TYPES.join(', ')}` })
  skills!: TaskType[];

  @ApiProperty({ example: ['en', 'de'], description: 'ISO 639-1 codes' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { each: true, message: 'each language must be an ISO 639 code such as "en" or "pt-BR"' })
  languages!: string[];

  @ApiProperty({ minimum: 0, maximum: 1_000_000 })
  @IsInt({ message: 'capacityPerHour must be a whole number of answers per hour' })
  @Min(0)
  @Max(1_000_000)
  capacityPerHour!: number;

  @ApiProperty({ example: { classification: 0.04, pairwise_preference: 0.3 } })
  @IsObject()
  @IsPriceList()
  prices!: Partial<Record<TaskType, number>>;
}
