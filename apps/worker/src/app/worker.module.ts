import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@quorum/api/audit';
import { APP_CONFIG, AppConfig, ConfigModule } from '@quorum/api/config';
import { DeliveryModule, DeliveryProcessor } from '@quorum/api/delivery';
import { JobsModule, RoutingProcessor } from '@quorum/api/jobs';
import { QualityModule, QualityProcessor, VendorQualityModule } from '@quorum/api/quality';
import { TasksModule, TasksProcessor } from '@quorum/api/tasks';
import { NeutralityModule, NeutralityProcessor } from '@quorum/api/neutrality';
import { OutboxRelay, QueueModule } from '@quorum/api/queue';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { MaintenanceProcessor } from './maintenance.processor';

import { Schedules } from './schedules';

/** Every queue's processor, in one list: the boot check reads it. */
export const PROCESSORS = [DeliveryProcessor, MaintenanceProcessor, NeutralityProcessor, QualityProcessor, RoutingProcessor, TasksProcessor];

@Module({
  imports: [
    AuditModule,
    ConfigModule,
    DeliveryModule,
    JobsModule,
    NeutralityModule,
    QualityModule,
    QueueModule,
    TasksModule,
    VendorQualityModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => quorumDataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: 'quorum-worker' }),
    }),
  ],
  providers: [DeliveryProcessor, MaintenanceProcessor, NeutralityProcessor, OutboxRelay, QualityProcessor, RoutingProcessor, Schedules, TasksProcessor],
})
export class WorkerModule {}
