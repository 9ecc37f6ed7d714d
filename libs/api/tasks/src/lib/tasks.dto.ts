import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { NextTaskRequest, SubmitAnswerRequest } from '@quorum/contracts';

export class NextTaskDto implements NextTaskRequest {
  @ApiPropertyOptional({ description: 'Only serve this job' })
  @IsOptional()
  @IsUUID('all', { message: 'jobId must be a UUID' })
  jobId?: string;
}

export class SubmitAnswerDto implements SubmitAnswerRequest {
  @ApiProperty({ description: 'The answer in the task type\'s shape (API.md)', example: { label: 'card_lost' } })
  @IsDefined({ message: 'answer is required' })
  answer!: unknown;

  @ApiProperty({ minimum: 0, maximum: 86_400_000 })
  @IsInt({ message: 'timeSpentMs must be a whole number of milliseconds' })
  @Min(0)
  @Max(86_400_000)
  timeSpentMs!: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ description: 'The reviewed result, in the task type\'s answer shape' })
  @IsDefined({ message: 'aggregate is required' })
  aggregate!: unknown;
}
