import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QUEUES } from '@quorum/contracts';
import type { Queue } from 'bullmq';

/**
 * Repeatable jobs live in Redis. They are declared at boot and declared again every minute
 * (an upsert, so nothing doubles): after a Redis loss they are back within a minute, without a restart.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QUEUES.neutrality) private readonly neutrality: Queue,
    @InjectQueue(QUEUES.tasks) private readonly tasks: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.declare();
    this.timer = setInterval(() => void this.declare(), 60_000);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async declare(): Promise<void> {
    try {
      await this.maintenance.upsertJobScheduler('audit-verify-hourly', { every: 3600_000 }, { name: 'audit.verify', data: {} });
      // The checkpoint interval is the window in which removing the newest events goes unnoticed.
      await this.maintenance.upsertJobScheduler('audit-checkpoint-every-5m', { every: 300_000 }, { name: 'audit.checkpoint', data: {} });
      await this.neutrality.upsertJobScheduler('expire-waivers-every-minute', { every: 60_000 }, { name: 'neutrality.expire-waivers', data: {} });
      await this.tasks.upsertJobScheduler('expire-leases-every-15s', { every: 15_000 }, { name: 'tasks.expire-leases', data: {} });
    } catch (error) {
      this.logger.warn({ err: error }, 'could not declare schedules (Redis down?)');
    }
  }
}
