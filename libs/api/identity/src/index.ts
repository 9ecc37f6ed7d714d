export * from './lib/identity.dto';
export * from './lib/identity.module';
export * from './lib/identity.service';
export * from './lib/org.entity';
export * from './lib/user.entity';
