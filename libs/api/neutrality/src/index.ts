export * from './lib/conflict-owners';
export * from './lib/conflict-rules';
export * from './lib/neutrality.module';
export * from './lib/neutrality.processor';
export * from './lib/neutrality.service';
export * from './lib/neutrality.dto';
