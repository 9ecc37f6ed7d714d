import { evictionProblem, redisOptionsFromUrl } from './redis';

describe('evictionProblem', () => {
  it('accepts noeviction, and an unknown policy (CONFIG hidden by a managed Redis)', () => {
    expect(evictionProblem('noeviction')).toBeNull();
    expect(evictionProblem(null)).toBeNull();
  });

  it('refuses every evicting policy, naming it and the fix', () => {
    for (const policy of ['allkeys-lru', 'volatile-lru', 'allkeys-lfu', 'volatile-ttl', 'allkeys-random']) {
      expect(evictionProblem(policy)).toMatch(new RegExp(`"${policy}".*noeviction`));
    }
  });
});

describe('redisOptionsFromUrl', () => {
  it('reads host, port, credentials, database and TLS from the URL', () => {
    expect(redisOptionsFromUrl('rediss://user:p%40ss@cache.example:6380/2')).toMatchObject({ host: 'cache.example', port: 6380, username: 'user', password: 'p@ss', db: 2, tls: {}, maxRetriesPerRequest: null });
    expect(redisOptionsFromUrl('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, tls: undefined });
  });
});
