export * from './lib/outbox.entity';
export * from './lib/outbox.service';
export * from './lib/queue-processor';
export * from './lib/queue.module';
export * from './lib/redis';
export * from './lib/outbox-relay';
export * from './lib/queue-health.service';
