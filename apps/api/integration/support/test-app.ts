import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@quorum/contracts';
import { IdentityService } from '@quorum/api/identity';
import { PasswordHasher } from '@quorum/api/auth';
import { TEST_PASSWORD, TestHttpClient } from '@quorum/api/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../src/app/bootstrap';

export interface TestApi {
  app: NestFastifyApplication;
  http: TestHttpClient;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/** The real API (same bootstrap as production) on the run's database, without a port. */
export async function startTestApi(): Promise<TestApi> {
  const app = await createApiApp({ webDistPath: null });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: new TestHttpClient(app), dataSource: app.get<DataSource>(getDataSourceToken()), close: () => app.close() };
}

/** Platform staff cannot self-register; tests create them the way the seed does. */
export async function createPlatformUser(api: TestApi, role: Extract<Role, 'platform_admin' | 'auditor'>): Promise<{ token: string; userId: string; orgId: string }> {
  const identity = api.app.get(IdentityService);
  const hasher = api.app.get(PasswordHasher);
  const suffix = randomBytes(4).toString('hex');
  const { user, orgId } = await api.dataSource.transaction(async (manager) => {
    const { org } = await identity.createOrg(manager, { name: `Platform ${suffix}`, kind: 'platform' });
    const user = await identity.insertUser(manager, { email: `${role}-${suffix}@quorum.test`, passwordHash: await hasher.hash(TEST_PASSWORD), displayName: role, orgId: org.id, roles: [role] });
    return { user, orgId: org.id };
  });
  const { token } = await identity.issueToken(user, 'platform');
  return { token, userId: user.id, orgId };
}
