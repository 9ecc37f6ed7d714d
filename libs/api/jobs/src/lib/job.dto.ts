import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { TASK_TYPES } from '@quorum/contracts';
import type { CreateJobRequest, TaskSchema, TaskType } from '@quorum/contracts';
import { ConflictPolicyDto } from '@quorum/api/neutrality';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const money = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 };

export class CreateJobDto implements CreateJobRequest {
  @ApiProperty({ example: 'Banking intents, batch 1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'Markdown shown to annotators' })
  @IsString()
  @MaxLength(50_000)
  instructions!: string;

  @ApiProperty({ enum: TASK_TYPES })
  @IsIn(TASK_TYPES, { message: `taskType must be one of: ${TASK_TYPES.join(', ')}` })
  taskType!: TaskType;

  @ApiProperty({ description: 'Task-type schema (see API.md); validated per task type', example: { labels: ['positive', 'negative'] } })
  @IsObject({ message: 'schema must be an object' })
  schema!: TaskSchema;

  @ApiProperty({ minimum: 1, maximum: 50, description: 'Distinct annotators per item' })
  @IsInt()
  @Min(1)
  @Max(50)
  overlap!: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  minDistinctVendors?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 0.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(0.5)
  goldRatio?: number;

  @ApiProperty({ example: 0.08 })
  @IsNumber(money, { message: 'pricePerAnswer must be a number with at most 4 decimals' })
  @Min(0)
  @Max(1000)
  pricePerAnswer!: number;

  @ApiPropertyOptional({ example: 5000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'budget must be a number with at most 2 decimals' })
  @Min(0)
  @Max(1e11)
  budget?: number;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'deadline must be an ISO 8601 date-time' })
  deadline?: string;

  @ApiPropertyOptional({ minimum: -10, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(-10)
  @Max(10)
  priority?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  requiredSkills?: string[];

  @ApiPropertyOptional({ example: ['en'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { each: true, message: 'each language must be an ISO 639 code such as "en" or "pt-BR"' })
  languages?: string[];

  @ApiPropertyOptional({ type: ConflictPolicyDto, description: "Overrides the lab's policy for this job" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConflictPolicyDto)
  conflictPolicy?: ConflictPolicyDto;

  @ApiPropertyOptional({ minimum: 30, maximum: 86400, description: 'Annotator lease in seconds (default 600)' })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(86400)
  leaseSeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Items below this agreement go to review (default 0.5)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  agreementThreshold?: number;
}
