import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPino, loadAppConfig, PinoNestLogger } from '@quorum/api/config';
import { AppModule } from './app/app.module';
import { DemoSeeder } from './seed/demo-seeder';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: new PinoNestLogger(createPino({ logLevel: 'warn' }, 'seed')) });
  try {
    const report = await new DemoSeeder(app, config).run();
    console.log(report);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
