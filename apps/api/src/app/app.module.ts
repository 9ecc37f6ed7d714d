import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@quorum/api/audit';
import { AuthModule } from '@quorum/api/auth';
import { APP_CONFIG, AppConfig, ConfigModule } from '@quorum/api/config';
import { createValidationPipe, ProblemFilter } from '@quorum/api/errors';
import { DeliveryModule } from '@quorum/api/delivery';
import { IdentityModule } from '@quorum/api/identity';
import { JobsModule } from '@quorum/api/jobs';
import { NeutralityModule } from '@quorum/api/neutrality';
import { QualityModule, VendorQualityModule } from '@quorum/api/quality';
import { QueueModule } from '@quorum/api/queue';
import { RegistryModule } from '@quorum/api/registry';
import { TasksModule } from '@quorum/api/tasks';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { HealthController } from './health.controller';
import { QueueHealthController } from './queue-health.controller';

@Module({
  controllers: [HealthController, QueueHealthController],
  imports: [
    AuditModule,
    AuthModule,
    ConfigModule,
    DeliveryModule,
    IdentityModule,
    JobsModule,
    NeutralityModule,
    QualityModule,
    QueueModule,
    RegistryModule,
    TasksModule,
    VendorQualityModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...quorumDataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: 'quorum-api' }),
        migrationsRun: config.runMigrationsOnBoot,
      }),
    }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}
