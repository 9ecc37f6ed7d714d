export * from './lib/entities/entities.service';
export * from './lib/entities/registry-entity.entity';
export * from './lib/registry.module';
