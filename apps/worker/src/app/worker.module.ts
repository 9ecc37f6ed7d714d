import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@quorum/api/audit';
import { APP_CONFIG, AppConfig, ConfigModule } from '@quorum/api/config';
import { QueueModule } from '@quorum/api/queue';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { MaintenanceProcessor } from './maintenance.processor';
import { OutboxRelay } from './outbox-relay';
import { Schedules } from './schedules';

/** Every queue's processor, in one list: the boot check reads it. */
export const PROCESSORS = [MaintenanceProcessor];

@Module({
  imports: [
    AuditModule,
    ConfigModule,
    QueueModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => quorumDataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: 'quorum-worker' }),
    }),
  ],
  providers: [...PROCESSORS, OutboxRelay, Schedules],
})
export class WorkerModule {}
