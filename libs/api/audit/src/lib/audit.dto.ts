import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Matches, Max, Min } from 'class-validator';
import type { AuditCheckpointVerifyRequest } from '@quorum/contracts';

const HEX64 = /^[0-9a-f]{64}$/;

export class VerifyCheckpointDto implements AuditCheckpointVerifyRequest {
  @ApiProperty({ description: 'Number of events the chain had when the checkpoint was signed' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq!: number;

  @ApiProperty({ description: 'Hash of event `seq` (the genesis hash for seq 0)' })
  @IsString()
  @Matches(HEX64, { message: 'headHash must be 64 lowercase hex characters' })
  headHash!: string;

  @ApiProperty({ description: 'When it was signed, exactly as in the checkpoint' })
  @IsString()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 timestamp' })
  at!: string;

  @ApiProperty({ description: 'HMAC-SHA256, hex' })
  @IsString()
  @Matches(HEX64, { message: 'signature must be 64 lowercase hex characters' })
  signature!: string;
}
