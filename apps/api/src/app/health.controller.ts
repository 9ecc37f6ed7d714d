import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthResponse } from '@quorum/contracts';
import { Public } from '@quorum/api/auth';
import { REDIS_CLIENT } from '@quorum/api/queue';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness of the API and its dependencies; 503 when Postgres or Redis is down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const [database, redis] = await Promise.all([
      this.probe(() => withTimeout(this.dataSource.query('SELECT 1'), 'database')),
      this.probe(() => withTimeout(this.redis.ping(), 'redis')),
    ]);
    const ok = database.status === 'up' && redis.status === 'up';
    void reply.status(ok ? 200 : 503).header('cache-control', 'no-store');
    return { status: ok ? 'ok' : 'error', info: { database, redis } };
  }

  private async probe(check: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; message?: string }> {
    try {
      await check();
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: error instanceof Error ? error.message.slice(0, 200) : 'unavailable' };
    }
  }
}
