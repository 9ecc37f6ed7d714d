/**
 * The one place that reads process.env. Every variable is parsed and checked at boot; a bad
 * environment makes the process refuse to start with every problem listed at once.
 */
export type NodeEnv = 'development' | 'test' | 'production';

/** Dev/test-only signing secret. Refused in production so a copied .env never ships it. */
export const SAMPLE_JWT_SECRET = 'quorum-development-secret-change-me';
/** Dev/test-only key for the audit checkpoints' HMAC; refused in production for the same reason. */
export const SAMPLE_CHECKPOINT_KEY = 'quorum-development-checkpoint-key-change-me';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  loginRateLimit: { attempts: number; windowSeconds: number };
  /** Registrations per client address and per email address within the window. */
  registerRateLimit: { perIp: number; perAccount: number; windowSeconds: number };
  /**
   * Which proxies may set X-Forwarded-For (fastify's trustProxy: true, false, a hop count or a
   * comma-separated list of addresses/CIDRs). Per-address rate limits depend on it being right.
   */
  trustProxy: boolean | number | string;
  /** HMAC key that signs the audit chain's checkpoints. */
  auditCheckpointKey: string;
  /** Also append every checkpoint as a JSON line to this file (a store apart from the database). */
  auditCheckpointFile: string | null;
  webDistPath: string | null;
  adminPassword: string | null;
  runMigrationsOnBoot: boolean;
  /**
   * Let webhooks reach loopback and private addresses. Only for tests and local development with a
   * receiver on this machine; refused in production.
   */
  webhookAllowPrivateTargets: boolean;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];

  const str = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const value = str(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const rawEnv = env['NODE_ENV']?.trim() || 'development';
  let nodeEnv: NodeEnv = 'development';
  if (rawEnv === 'development' || rawEnv === 'test' || rawEnv === 'production') nodeEnv = rawEnv;
  else problems.push(`NODE_ENV must be development, test or production (got "${rawEnv}")`);

  const jwtSecret = env['JWT_SECRET']?.trim() || (nodeEnv === 'production' ? '' : SAMPLE_JWT_SECRET);
  if (nodeEnv === 'production') {
    if (!jwtSecret) problems.push('JWT_SECRET is required in production');
    else if (jwtSecret === SAMPLE_JWT_SECRET) problems.push('JWT_SECRET is the sample secret; set a real one in production');
    else if (jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters in production');
  }

  const auditCheckpointKey = env['AUDIT_CHECKPOINT_KEY']?.trim() || (nodeEnv === 'production' ? '' : SAMPLE_CHECKPOINT_KEY);
  if (nodeEnv === 'production') {
    if (!auditCheckpointKey) problems.push('AUDIT_CHECKPOINT_KEY is required in production');
    else if (auditCheckpointKey === SAMPLE_CHECKPOINT_KEY) problems.push('AUDIT_CHECKPOINT_KEY is the sample key; set a real one in production');
    else if (auditCheckpointKey.length < 32) problems.push('AUDIT_CHECKPOINT_KEY must be at least 32 characters in production');
    else if (auditCheckpointKey === jwtSecret) problems.push('AUDIT_CHECKPOINT_KEY must differ from JWT_SECRET');
  }

  const logLevel = str('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const adminPassword = env['QUORUM_ADMIN_PASSWORD']?.trim() || null;
  if (adminPassword !== null && adminPassword.length < 12) {
    problems.push('QUORUM_ADMIN_PASSWORD must be at least 12 characters');
  }

  const config: AppConfig = {
    nodeEnv,
    host: str('HOST', '0.0.0.0'),
    port: int('PORT', 3000, 1, 65535),
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/quorum', ['postgres:', 'postgresql:']),
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: str('QUEUE_PREFIX', 'quorum'),
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    logLevel,
    loginRateLimit: {
      attempts: int('LOGIN_RATE_LIMIT_ATTEMPTS', 10, 1, 10_000),
      windowSeconds: int('LOGIN_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86_400),
    },
    registerRateLimit: {
      // Development and tests register many organisations from one address.
      perIp: int('REGISTER_RATE_LIMIT_PER_IP', nodeEnv === 'production' ? 20 : 1000, 1, 1_000_000),
      perAccount: int('REGISTER_RATE_LIMIT_PER_ACCOUNT', 5, 1, 1_000_000),
      windowSeconds: int('REGISTER_RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 86_400),
    },
    trustProxy: trustProxy(env['TRUST_PROXY']?.trim(), problems),
    auditCheckpointKey,
    auditCheckpointFile: env['AUDIT_CHECKPOINT_FILE']?.trim() || null,
    webDistPath: env['WEB_DIST_PATH']?.trim() || null,
    adminPassword,
    runMigrationsOnBoot: bool('RUN_MIGRATIONS_ON_BOOT', nodeEnv !== 'production'),
    webhookAllowPrivateTargets: bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
  };
  if (config.webhookAllowPrivateTargets && nodeEnv === 'production') problems.push('WEBHOOK_ALLOW_PRIVATE_TARGETS cannot be enabled in production');

  if (problems.length) throw new ConfigValidationError(problems);
  return config;
}

/** Default: trust only a proxy on this host, so a client cannot choose its own address. */
function trustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (!raw) return 'loopback';
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F.:/,\s]+$|^(loopback|linklocal|uniquelocal)(,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/.test(raw)) return raw;
  problems.push(`TRUST_PROXY must be true, false, a hop count or a list of addresses/CIDRs (got "${raw}")`);
  return false;
}
