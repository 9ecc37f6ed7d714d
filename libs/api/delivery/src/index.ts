export * from './lib/delivery.module';
export * from './lib/delivery.processor';
export * from './lib/export';
export * from './lib/outbound';
export * from './lib/webhook-events';
export * from './lib/webhooks.dto';
export * from './lib/webhooks.service';
