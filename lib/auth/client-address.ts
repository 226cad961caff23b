import { randomBytes } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';
import { normalizeIP } from '@better-auth/core/utils/ip';
import { logger } from '@/lib/log';

/**
 * The address a request came from: what the per-address sign-in limit counts and a session records.
 *
 * Next.js gives App Router code no socket address. It only fills `X-Forwarded-For` with the socket's peer when
 * the client sent none (`??=` in its base server), so a client talking to the server directly can claim any
 * address it likes, and a fresh one for every guess. So the process's own HTTP server marks each request before
 * Next.js sees it: Node publishes every incoming request on the `http.server.request.start` diagnostics channel,
 * synchronously and before the `request` event, and the subscriber below writes the resolved client address into
 * a header whose name holds a random token chosen when the process starts. A client cannot send a header whose
 * name it cannot know; a request that did not pass the subscriber has no address at all (null), never a forged one.
 *
 * Resolution: the socket's peer, unless that peer is one of AILEGR_TRUSTED_PROXIES. Then X-Forwarded-For is read
 * from the right, skipping trusted hops, and the first address that is not a trusted proxy is the client. A proxy
 * is trusted only when the request really comes from it, so a trusted range changes nothing for direct clients.
 */

const CHANNEL = 'http.server.request.start';

interface RecorderState {
  /** Part of the header name; random per process, so no client can set the header. */
  token: string;
  /** The subscriber, once installed (kept here so it is installed once and not garbage-collected). */
  onRequest?: (message: unknown) => void;
  /** Whether the "forwarded by an untrusted peer" hint was logged already. */
  hinted?: boolean;
}

const globalForClientAddress = globalThis as unknown as { ailegrClientAddress?: RecorderState };

function recorderState(): RecorderState {
  globalForClientAddress.ailegrClientAddress ??= { token: randomBytes(12).toString('hex') };
  return globalForClientAddress.ailegrClientAddress;
}

/** The name of the header that carries the recorded client address in this process, e.g. `x-ailegr-client-3f…`. */
export function clientAddressHeader(): string {
  return `x-ailegr-client-${recorderState().token}`;
}

/** A set of trusted proxies from `ip` and `ip/prefix` entries (already validated by lib/env.ts). */
export function trustedProxySet(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // A dual-stack socket reports IPv4 peers as `::ffff:a.b.c.d`: check them as IPv4, as the proxy list names them.
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  return mapped ? trusted.check(mapped, 'ipv4') : trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address for a request whose socket peer is `peer`.
 *
 * @example resolveClientAddress('203.0.113.9', '10.0.0.1', null) // '203.0.113.9': no proxy trusted, the header is ignored
 * @example resolveClientAddress('10.0.0.2', '198.51.100.7, 10.0.0.1', trustedProxySet(['10.0.0.0/8'])) // '198.51.100.7'
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList | null): string | null {
  if (!peer || isIP(peer) === 0) return null;
  if (!trusted || !isTrusted(peer, trusted)) return peer;
  // The request comes from a trusted proxy: walk back through the hops it (and proxies before it) recorded.
  let client = peer;
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A garbled entry ends the walk: what lies left of it was written by no one we trust.
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client;
}

/**
 * What the recorder writes for a request from `peer` that arrived with `recorded` in our header. Next.js renders
 * a server action's redirect target by fetching it from itself over loopback with the original headers, ours
 * included; only this process knows the header's name, so a loopback request carrying it keeps what was recorded.
 * From anywhere else the header is overwritten.
 */
export function addressToRecord(peer: string | undefined, recorded: string | undefined, forwardedFor: string | undefined, trusted: BlockList | null): string | null {
  if (recorded && isIP(recorded) !== 0 && peer && isLoopback(peer)) return recorded;
  return resolveClientAddress(peer, forwardedFor, trusted);
}

/**
 * Starts recording each request's client address in this process (idempotent). Call it before the server takes
 * requests: a request that arrived earlier carries no address.
 */
export function recordClientAddresses(trustedProxies: readonly string[]): void {
  const state = recorderState();
  if (state.onRequest) return;
  const trusted = trustedProxySet(trustedProxies);
  const header = clientAddressHeader();
  state.onRequest = (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const recorded = request.headers[header];
    const forwardedFor = request.headers['x-forwarded-for'];
    const address = addressToRecord(
      socket.remoteAddress,
      typeof recorded === 'string' ? recorded : undefined,
      Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor,
      trusted,
    );
    if (address) request.headers[header] = address;
    else delete request.headers[header];
    if (forwardedFor && !recorded && !trusted && !state.hinted && socket.remoteAddress && isLoopbackOrPrivate(socket.remoteAddress)) {
      state.hinted = true;
      logger().warn(
        { peer: socket.remoteAddress },
        'requests arrive with X-Forwarded-For from a local address that is not a trusted proxy: if it is your reverse proxy, name it in AILEGR_TRUSTED_PROXIES, or every client behind it shares one per-address sign-in limit',
      );
    }
  };
  diagnosticsChannel.subscribe(CHANNEL, state.onRequest);
}

function isLoopback(address: string): boolean {
  return /^(?:::ffff:)?127\./i.test(address) || address === '::1';
}

function isLoopbackOrPrivate(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\./i.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return address === '::1' || /^f[cd]/i.test(address);
}

/**
 * The recorded client address of a request, normalised for counting (an IPv6 address stands for its /64, which
 * one client usually holds whole), or null when the request did not pass the recorder.
 */
export function clientAddressOf(headers: Headers): string | null {
  const value = headers.get(clientAddressHeader());
  return value && isIP(value) !== 0 ? normalizeIP(value) : null;
}
