import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@quorum/api/audit';
import { APP_CONFIG, AppConfig, ConfigModule } from '@quorum/api/config';
import { JobsModule, RoutingProcessor } from '@quorum/api/jobs';
import { NeutralityModule, NeutralityProcessor } from '@quorum/api/neutrality';
import { OutboxRelay, QueueModule } from '@quorum/api/queue';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { MaintenanceProcessor } from './maintenance.processor';

import { Schedules } from './schedules';

/** Every queue's processor, in one list: the boot check reads it. */
export const PROCESSORS = [MaintenanceProcessor, NeutralityProcessor, RoutingProcessor];

@Module({
  imports: [
    AuditModule,
    ConfigModule,
    JobsModule,
    NeutralityModule,
    QueueModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => quorumDataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: 'quorum-worker' }),
    }),
  ],
  providers: [MaintenanceProcessor, NeutralityProcessor, OutboxRelay, RoutingProcessor, Schedules],
})
export class WorkerModule {}
