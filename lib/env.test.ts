import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

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
