import type { DataSourceOptions } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own list type
type ClassList = Function[];

/**
 * Options shared by the API, the worker, the CLI and the tests. Entities and migrations are passed
 * as classes: webpack bundles each app into one file, so glob paths would find nothing.
 */
export function buildDataSourceOptions(input: {
  url: string;
  poolSize: number;
  entities: ClassList;
  migrations: ClassList;
  applicationName: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Query errors surface through the problem filter and the logs; TypeORM's console output would duplicate them.
    logging: false,
    applicationName: input.applicationName,
    extra: {
      max: input.poolSize,
      // Fail fast when Postgres is gone so /health and writes answer 503 instead of hanging.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  };
}
