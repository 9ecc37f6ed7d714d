import { ConfigValidationError, loadAppConfig, SAMPLE_CHECKPOINT_KEY, SAMPLE_JWT_SECRET } from './app-config';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(48), AUDIT_CHECKPOINT_KEY: 'c'.repeat(48) };

describe('loadAppConfig', () => {
  it('gives working local defaults in development', () => {
    const config = loadAppConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.jwtSecret).toBe(SAMPLE_JWT_SECRET);
  });

  it('refuses to boot with every bad variable listed at once', () => {
    let error: unknown;
    try {
      loadAppConfig({ NODE_ENV: 'production', PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toMatch(/JWT_SECRET is required in production/);
    expect(problems).toMatch(/PORT must be an integer/);
    expect(problems).toMatch(/DATABASE_URL must use postgres/);
    expect(problems).toMatch(/REDIS_URL is not a valid URL/);
    expect(problems).toMatch(/LOG_LEVEL must be one of/);
  });

  it('refuses the sample JWT secret in production', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: SAMPLE_JWT_SECRET })).toThrow(/sample secret/);
  });

  it('refuses a short JWT secret in production', () => {
    expect(() => loadAppConfig({ ...PRODUCTION, JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 characters/);
  });

  it('refuses a missing, sample, short or reused checkpoint key in production', () => {
    expect(() => loadAppConfig({ ...PRODUCTION, AUDIT_CHECKPOINT_KEY: '' })).toThrow(/AUDIT_CHECKPOINT_KEY is required/);
    expect(() => loadAppConfig({ ...PRODUCTION, AUDIT_CHECKPOINT_KEY: SAMPLE_CHECKPOINT_KEY })).toThrow(/sample key/);
    expect(() => loadAppConfig({ ...PRODUCTION, AUDIT_CHECKPOINT_KEY: 'k'.repeat(20) })).toThrow(/AUDIT_CHECKPOINT_KEY must be at least 32/);
    expect(() => loadAppConfig({ ...PRODUCTION, AUDIT_CHECKPOINT_KEY: PRODUCTION.JWT_SECRET })).toThrow(/must differ from JWT_SECRET/);
  });

  it('accepts real production secrets', () => {
    const config = loadAppConfig(PRODUCTION);
    expect(config.runMigrationsOnBoot).toBe(false);
    expect(config.registerRateLimit).toEqual({ perIp: 20, perAccount: 5, windowSeconds: 3600 });
  });

  it('trusts only a proxy on this host unless told otherwise', () => {
    expect(loadAppConfig({}).trustProxy).toBe('loopback');
    expect(loadAppConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadAppConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadAppConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadAppConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY must be/);
  });
});
