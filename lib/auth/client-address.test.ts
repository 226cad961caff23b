import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addressToRecord, clientAddressHeader, clientAddressOf, recordClientAddresses, resolveClientAddress, trustedProxySet } from './client-address';

// The recorder's hint about an untrusted forwarding peer is expected here; keep it out of the output.
vi.hoisted(() => {
  process.env.AILEGR_LOG_LEVEL ??= 'silent';
});

describe('resolveClientAddress', () => {
  const proxies = trustedProxySet(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);

  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(resolveClientAddress('198.51.100.7', undefined, null)).toBe('198.51.100.7');
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', null)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.1, 203.0.113.2', null)).toBe('10.0.0.2');
  });

  it('is the socket’s peer when that peer is not a trusted proxy, even with trusted ranges set', () => {
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', proxies)).toBe('198.51.100.7');
    expect(resolveClientAddress('192.0.2.11', '203.0.113.1', proxies)).toBe('192.0.2.11');
  });

  it('reads X-Forwarded-For from the right, past trusted hops, when the peer is a trusted proxy', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.1', proxies)).toBe('203.0.113.1');
    // The client's own claim (leftmost) is never believed past an untrusted hop.
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 203.0.113.1, 192.0.2.10, 10.9.9.9', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('::ffff:10.0.0.2', '203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('fd12::1', '2001:db8::5', proxies)).toBe('2001:db8::5');
  });

  it('stops at a garbled hop, and falls back to the proxy when it forwarded nothing usable', () => {
    expect(resolveClientAddress('10.0.0.2', 'nonsense, 203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.1, nonsense', proxies)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', undefined, proxies)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '10.0.0.9', proxies)).toBe('10.0.0.9');
  });

  it('has no answer without a usable peer', () => {
    expect(resolveClientAddress(undefined, '203.0.113.1', null)).toBeNull();
    expect(resolveClientAddress('', '203.0.113.1', proxies)).toBeNull();
  });
});

describe('addressToRecord', () => {
  it('overwrites whatever a client put in the header', () => {
    expect(addressToRecord('198.51.100.7', '203.0.113.1', undefined, null)).toBe('198.51.100.7');
    expect(addressToRecord('198.51.100.7', '203.0.113.1', '203.0.113.1', null)).toBe('198.51.100.7');
    expect(addressToRecord('10.0.0.2', '203.0.113.1', '198.51.100.7', trustedProxySet(['10.0.0.0/8']))).toBe('198.51.100.7');
  });

  it('keeps the address recorded for a request this process forwards to itself over loopback', () => {
    expect(addressToRecord('127.0.0.1', '203.0.113.1', '127.0.0.1', null)).toBe('203.0.113.1');
    expect(addressToRecord('::1', '203.0.113.1', undefined, null)).toBe('203.0.113.1');
    expect(addressToRecord('127.0.0.1', 'garbage', undefined, null)).toBe('127.0.0.1');
  });
});

describe('clientAddressOf', () => {
  it('reads the recorded header, as an IPv4 address or the /64 of an IPv6 one', () => {
    expect(clientAddressOf(new Headers({ [clientAddressHeader()]: '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf(new Headers({ [clientAddressHeader()]: '::ffff:203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf(new Headers({ [clientAddressHeader()]: '2001:db8:1:2:aaaa::1' }))).toBe('2001:0db8:0001:0002:0000:0000:0000:0000');
  });

  it('ignores anything else a client could send', () => {
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' }))).toBeNull();
    expect(clientAddressOf(new Headers({ 'x-ailegr-client': '203.0.113.9' }))).toBeNull();
    expect(clientAddressOf(new Headers({ [clientAddressHeader()]: 'not an address' }))).toBeNull();
  });

  it('names its header with a random token, so a client cannot guess it', () => {
    expect(clientAddressHeader()).toMatch(/^x-ailegr-client-[0-9a-f]{24}$/);
  });
});

describe('recordClientAddresses on a real HTTP server', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    recordClientAddresses([]);
    recordClientAddresses(['10.0.0.0/8']); // a second call changes nothing: one recorder per process
    server = http.createServer((request, response) => response.end(JSON.stringify(request.headers)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const askFrom = (localAddress: string, headers: Record<string, string>) =>
    new Promise<Record<string, string>>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, localAddress, headers }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(JSON.parse(body) as Record<string, string>));
        })
        .on('error', reject);
    });

  it('stamps every request with its socket’s address before any handler runs, whatever X-Forwarded-For says', async () => {
    const seen = await askFrom('127.0.0.2', { 'x-forwarded-for': '203.0.113.1', 'x-ailegr-client-000000000000000000000000': '203.0.113.2' });
    expect(seen[clientAddressHeader()]).toBe('127.0.0.2');
    expect(clientAddressOf(new Headers(seen))).toBe('127.0.0.2');
    expect((await askFrom('127.0.0.3', {}))[clientAddressHeader()]).toBe('127.0.0.3');
  });
});
