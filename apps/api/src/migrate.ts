import 'reflect-metadata';
import { loadAppConfig } from '@quorum/api/config';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { DataSource } from 'typeorm';

/** `node migrate.js up|down|show`: the Nx targets db:migrate and db:revert call this. */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  const config = loadAppConfig();
  const dataSource = new DataSource(quorumDataSourceOptions({ url: config.databaseUrl, poolSize: 2, applicationName: 'quorum-migrate' }));
  await dataSource.initialize();
  try {
    if (command === 'up') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Database schema is up to date');
    } else if (command === 'down') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'There are pending migrations' : 'No pending migrations');
    } else {
      throw new Error(`Unknown command "${command}" (use up, down or show)`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
