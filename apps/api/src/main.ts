import 'reflect-metadata';
import { loadAppConfig } from '@quorum/api/config';
import { createApiApp } from './app/bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApiApp({ config });
  await app.listen({ port: config.port, host: config.host });
  app.getHttpAdapter().getInstance().log.info({ port: config.port }, `Quorum API listening on http://localhost:${config.port}`);
}

main().catch((error) => {
  // Config errors list every bad variable; print them plainly, not as a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
