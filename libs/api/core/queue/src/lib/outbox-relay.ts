import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@quorum/api/config';
import { OutboxService } from './outbox.service';
import { DataSource } from 'typeorm';

/** Only one worker relays at a time; the others skip the tick. */
const RELAY_LOCK = 0x4f55_5442; // "OUTB"

/**
 * Re-enqueues outbox rows that never reached Redis or were lost with it. Runs on a timer in the
 * worker rather than as a BullMQ repeatable job, because a repeatable job lives in Redis and would
 * be lost with the very data it is meant to recover.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.nodeEnv === 'test' ? 500 : 2000;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().then(() => undefined).finally(() => (this.running = null));
    }, everyMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked) return 0;
      try {
        const relayed = await this.outbox.relayPending();
        if (relayed) this.logger.log({ relayed }, 'relayed outbox rows');
        return relayed;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK]);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay tick failed');
      return 0;
    } finally {
      await runner.release();
    }
  }
}
