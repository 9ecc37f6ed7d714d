export * from './lib/bods';
export * from './lib/bods-import.service';
export * from './lib/entities/entities.service';
export * from './lib/entities/registry-entity.entity';
export * from './lib/interests/interest.entity';
export * from './lib/ownership';
export * from './lib/registry.module';
export * from './lib/registry.service';
