import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS } from '@quorum/contracts';
import type { WebhookEvent } from '@quorum/contracts';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.northwind.example/quorum' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each event must be one of: ${WEBHOOK_EVENTS.join(', ')}` })
  events!: WebhookEvent[];
}
