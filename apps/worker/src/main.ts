import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { assertJobCoverage } from '@quorum/api/queue';
import { createPino, loadAppConfig, PinoNestLogger } from '@quorum/api/config';
import { PROCESSORS, WorkerModule } from './app/worker.module';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(createPino(config, 'worker')) });
  // Refuse to run with a job name that nobody handles (or that two processors both claim).
  assertJobCoverage(PROCESSORS.map((p) => app.get(p)));
  app.enableShutdownHooks();
  await app.init();
  console.log(JSON.stringify({ level: 30, service: 'worker', msg: 'Quorum worker running', queues: PROCESSORS.map((p) => app.get(p).queueName) }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
