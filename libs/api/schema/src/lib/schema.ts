import { AuditEventEntity } from '@quorum/api/audit';
import { buildDataSourceOptions } from '@quorum/api/database';
import { OrgEntity, UserEntity } from '@quorum/api/identity';
import { OutboxEntity } from '@quorum/api/queue';
import { InterestEntity, RegistryEntity } from '@quorum/api/registry';
import type { DataSourceOptions } from 'typeorm';
import { Foundation1764300000000 } from './migrations/1764300000000-Foundation';
import { RegistryAndNeutrality1764310000000 } from './migrations/1764310000000-RegistryAndNeutrality';
import { JobsAndRouting1764320000000 } from './migrations/1764320000000-JobsAndRouting';
import { TasksQualityDelivery1764330000000 } from './migrations/1764330000000-TasksQualityDelivery';
import { ClaimAndSubmitFunctions1764340000000 } from './migrations/1764340000000-ClaimAndSubmitFunctions';
import { AuditCheckpoints1764350000000 } from './migrations/1764350000000-AuditCheckpoints';
import { OutboxDeadLetters1764360000000 } from './migrations/1764360000000-OutboxDeadLetters';

/** Every mapped table of every context, in one list for the app, the worker, the CLI and tests. */
export const ENTITIES = [AuditEventEntity, InterestEntity, OrgEntity, OutboxEntity, RegistryEntity, UserEntity];

/** In order. Each has a real `down`. */
export const MIGRATIONS = [Foundation1764300000000, RegistryAndNeutrality1764310000000, JobsAndRouting1764320000000, TasksQualityDelivery1764330000000, ClaimAndSubmitFunctions1764340000000, AuditCheckpoints1764350000000, OutboxDeadLetters1764360000000];

export function quorumDataSourceOptions(input: { url: string; poolSize?: number; applicationName: string }): DataSourceOptions {
  return buildDataSourceOptions({ url: input.url, poolSize: input.poolSize ?? 10, entities: ENTITIES, migrations: MIGRATIONS, applicationName: input.applicationName });
}
