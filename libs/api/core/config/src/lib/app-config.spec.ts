import { ConfigValidationError, loadAppConfig, SAMPLE_JWT_SECRET } from './app-config';

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

  it('accepts a real production secret', () => {
    const config = loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) });
    expect(config.runMigrationsOnBoot).toBe(false);
  });
});
