import { describe, expect, it } from 'vitest';
import { devToolsEnabled, requireDevTools } from './dev-tools';
import { environmentWarnings, parseEnv } from './env';

const PRODUCTION = { NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) };

describe('AILEGR_TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges, comma-separated; unset is none', () => {
    expect(parseEnv({ AILEGR_TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.10 ,fd00::/8,::1 ' }).AILEGR_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.0.2.10', 'fd00::/8', '::1']);
    expect(parseEnv({}).AILEGR_TRUSTED_PROXIES).toEqual([]);
  });

  it('refuses anything else, naming it', () => {
    expect(() => parseEnv({ AILEGR_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal, 10.0.0.0/33, ::1/129, 10.0.0.1/8/8' })).toThrow(
      'Invalid environment: AILEGR_TRUSTED_PROXIES must be IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, fd00::/8), got "proxy.internal", "10.0.0.0/33", "::1/129", "10.0.0.1/8/8"',
    );
  });
});

describe('AILEGR_DB_POOL_SIZE', () => {
  it('is 20 unless set, and takes a whole number from 1 to 200', () => {
    expect(parseEnv({}).AILEGR_DB_POOL_SIZE).toBe(20);
    expect(parseEnv({ AILEGR_DB_POOL_SIZE: '5' }).AILEGR_DB_POOL_SIZE).toBe(5);
    for (const bad of ['0', '201', '2.5', 'many']) {
      expect(() => parseEnv({ AILEGR_DB_POOL_SIZE: bad })).toThrow('Invalid environment: AILEGR_DB_POOL_SIZE must be a whole number from 1 to 200');
    }
  });
});

describe('environmentWarnings', () => {
  it('says at a production start that BETTER_AUTH_URL is missing, and what it is for', () => {
    const [warning, ...rest] = environmentWarnings(parseEnv(PRODUCTION));
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^BETTER_AUTH_URL is not set: /);
    expect(warning).toContain('403 INVALID_ORIGIN');
    expect(warning).toContain('BETTER_AUTH_URL=https://books.example.com');
  });

  it('says nothing when it is set, or outside production', () => {
    expect(environmentWarnings(parseEnv({ ...PRODUCTION, BETTER_AUTH_URL: 'https://books.example.com' }))).toEqual([]);
    expect(environmentWarnings(parseEnv({ NODE_ENV: 'development' }))).toEqual([]);
  });
});

describe('AILEGR_DEV_TOOLS', () => {
  it('is off unless set true, and on under next dev (NODE_ENV development) whatever it says', () => {
    expect(devToolsEnabled(parseEnv({}))).toBe(false);
    expect(devToolsEnabled(parseEnv(PRODUCTION))).toBe(false);
    expect(devToolsEnabled(parseEnv({ NODE_ENV: 'test' }))).toBe(false);
    expect(devToolsEnabled(parseEnv({ ...PRODUCTION, AILEGR_DEV_TOOLS: 'false' }))).toBe(false);
    expect(devToolsEnabled(parseEnv({ ...PRODUCTION, AILEGR_DEV_TOOLS: 'true' }))).toBe(true);
    expect(devToolsEnabled(parseEnv({ ...PRODUCTION, AILEGR_DEV_TOOLS: '1' }))).toBe(true);
    expect(devToolsEnabled(parseEnv({ NODE_ENV: 'development' }))).toBe(true);
    expect(devToolsEnabled(parseEnv({ NODE_ENV: 'development', AILEGR_DEV_TOOLS: 'false' }))).toBe(true);
  });

  it('refuses anything but a yes or no, naming it', () => {
    expect(() => parseEnv({ AILEGR_DEV_TOOLS: 'on' })).toThrow(/^Invalid environment: AILEGR_DEV_TOOLS /);
  });

  it('makes the dev-tool actions refuse with 403 (forbidden) while off', () => {
    expect(() => requireDevTools(parseEnv(PRODUCTION))).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => requireDevTools(parseEnv({ ...PRODUCTION, AILEGR_DEV_TOOLS: 'yes' }))).not.toThrow();
  });
});
