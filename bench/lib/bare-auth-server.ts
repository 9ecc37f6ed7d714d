/**
 * The framework benchmark's reference: bare node:http doing what GET /api/v1/auth/me does in the API
 * (Bearer header → HS256 JWT checked with node:crypto: signature, alg, issuer, expiry, claim shape →
 * the same one-statement join IdentityService.me sends, through a pg pool of the API's size → the same JSON), and nothing
 * else. GET /orm/auth/me is the same with the product's TypeORM data source and the service's two
 * repository calls instead of pg, to split the overhead between the framework and the ORM.
 * GET /hello answers a constant, to measure the load generator's own ceiling.
 * Started by bench/framework.bench.ts with DATABASE_URL, JWT_SECRET, POOL_SIZE; reports its port over IPC.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { OrgEntity, UserEntity } from '@quorum/api/identity';
import { quorumDataSourceOptions } from '@quorum/api/schema';

const secret = process.env['JWT_SECRET'] ?? '';
const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: Number(process.env['POOL_SIZE'] ?? 10) });
const orm = new DataSource(quorumDataSourceOptions({ url: process.env['DATABASE_URL'] ?? '', poolSize: Number(process.env['POOL_SIZE'] ?? 10), applicationName: 'bench-bare-orm' }));
const ORG_KINDS = ['lab', 'vendor', 'platform'];
const HEADER_HS256 = /"alg"\s*:\s*"HS256"/;

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'x-request-id': randomUUID() });
  res.end(text);
}

function unauthenticated(res: ServerResponse, detail: string): void {
  send(res, 401, { type: 'https://quorum.dev/problems/unauthenticated', title: 'Unauthenticated', status: 401, detail }, 'application/problem+json; charset=utf-8');
}

interface Claims {
  sub: string;
  org: string;
  kind: string;
  roles: string[];
  iss?: string;
  exp?: number;
}

function verify(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  if (!HEADER_HS256.test(Buffer.from(header, 'base64url').toString('utf8'))) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  } catch {
    return null;
  }
  if (claims.iss !== 'quorum' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !ORG_KINDS.includes(claims.kind) || !Array.isArray(claims.roles)) return null;
  return claims;
}

const server = createServer((req, res) => {
  if (req.url === '/hello') return send(res, 200, { hello: 'world' });
  const viaOrm = req.url === '/orm/auth/me';
  if (req.method !== 'GET' || (req.url !== '/api/v1/auth/me' && !viaOrm)) return send(res, 404, { status: 404 });
  const header = req.headers.authorization;
  const [scheme, token] = header ? header.split(' ') : [];
  if (scheme?.toLowerCase() !== 'bearer' || !token) return unauthenticated(res, 'The Authorization header must be "Bearer <token>"');
  const claims = verify(token);
  if (!claims) return unauthenticated(res, 'The access token is invalid or expired');
  void (async () => {
    if (viaOrm) {
      // What IdentityService.me did before it became one raw join: two repository reads.
      const entity = await orm.getRepository(UserEntity).findOneBy({ id: claims.sub });
      if (!entity) return unauthenticated(res, 'The account behind this token no longer exists');
      const org = await orm.getRepository(OrgEntity).findOneByOrFail({ id: entity.orgId });
      return send(res, 200, { id: entity.id, email: entity.email, displayName: entity.displayName, orgId: org.id, orgKind: org.kind, orgName: org.name, roles: entity.roles });
    }
    // The same statement IdentityService.me sends.
    const row = (
      await pool.query(
        `SELECT u.id, u.email, u.display_name AS "displayName", o.id AS "orgId", o.kind AS "orgKind", o.name AS "orgName", u.roles
           FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = $1`,
        [claims.sub],
      )
    ).rows[0];
    if (!row) return unauthenticated(res, 'The account behind this token no longer exists');
    send(res, 200, row);
  })().catch((error: Error) => send(res, 500, { status: 500, detail: error.message }));
});
server.keepAliveTimeout = 60_000;
// Port 0 by default: the OS picks a free one (other runs on this machine use the 349x ports).
void orm.initialize().then(() => server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void Promise.all([pool.end(), orm.destroy()]).then(() => process.exit(0));
});
