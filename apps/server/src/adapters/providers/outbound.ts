/**
 * Outbound requests to providers: a deadline on each, and no request to a private or loopback
 * address (a provider's answer could name one to reach inside the operator's network) unless the
 * operator allows that host. Downloads are capped in size.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { ProviderFailure, type TaskSnapshot } from '../../ports/video-provider.ts';

export interface OutboundPolicy {
  /** Hosts (name or address, optionally with :port) that may be reached although private or loopback. */
  allowHosts: readonly string[];
  timeoutMs: number;
}

/** Loopback, private, link-local, carrier-grade NAT, unique-local and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

const refused = (message: string) => new ProviderFailure({ code: 'outbound.refused', message, category: 'invalid_input', retryable: false, charged: 'unknown' });

/** Refuses a URL whose host is private or loopback, unless allowed; and anything but http(s). */
export async function checkOutbound(url: string, policy: OutboundPolicy): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw refused(`Backlot only fetches http(s) addresses, not ${u.protocol}`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowHosts.includes(host) || policy.allowHosts.includes(u.host)) return;
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (host === 'localhost' || addresses.some(isPrivateAddress)) {
    throw refused(`Backlot does not send requests to the private address ${host}; an operator may allow it with BACKLOT_PROVIDER_ALLOW_HOSTS`);
  }
}

/** fetch with the policy's deadline, after checking the address; a timeout is a retryable provider failure. */
export async function outboundFetch(url: string, init: RequestInit, policy: OutboundPolicy, what: string): Promise<Response> {
  await checkOutbound(url, policy);
  const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(policy.timeoutMs)]) : AbortSignal.timeout(policy.timeoutMs);
  try {
    return await fetch(url, { ...init, signal, redirect: 'error' });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new ProviderFailure({
      code: timedOut ? 'timeout' : 'network',
      message: timedOut
        ? `${what} did not answer within ${Math.round(policy.timeoutMs / 1000)} s`
        : `could not reach ${what}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
      category: timedOut ? 'timeout' : 'provider_internal',
      retryable: true,
      charged: false,
    });
  }
}

/** A response body as a stream that fails once more than `maxBytes` have passed. */
export function cappedBody(res: Response, maxBytes: number, what: string): NodeJS.ReadableStream {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(what, maxBytes);
  let seen = 0;
  const source = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  return source.compose(async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      seen += chunk.length;
      if (seen > maxBytes) throw tooLarge(what, maxBytes);
      yield chunk;
    }
  });
}

function tooLarge(what: string, maxBytes: number) {
  return new ProviderFailure({
    code: 'output.too_large',
    message: `${what} is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB, the most Backlot downloads`,
    category: 'invalid_input',
    retryable: false,
    charged: 'unknown',
  });
}

/** What `fetchProviderOutput` needs to know of one provider. */
export interface OutputSource {
  /** The provider's name in messages: `Seedance`. */
  label: string;
  /** Reads the task again, which signs fresh output links. */
  refresh: (taskId: string) => Promise<TaskSnapshot>;
  policy: OutboundPolicy;
  maxBytes: number;
  /** Answers that mean the link has expired (asked for again once); others are failures. Default 403 and 404. */
  staleStatuses?: readonly number[];
  /** Said when a fresh link has expired too: how long the provider keeps outputs. */
  expiredMessage: string;
}

/**
 * Streams a provider's output from the link a snapshot names. A link past its time is asked for
 * once more by reading the task again; an output gone for good is an expired failure the provider
 * charged for (the take was made).
 */
export async function fetchProviderOutput(source: OutputSource, snapshot: TaskSnapshot, index = 0): Promise<{ body: NodeJS.ReadableStream; contentType: string; size?: number }> {
  const stale = source.staleStatuses ?? [403, 404];
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = attempt === 0 ? snapshot : await source.refresh(snapshot.providerTaskId);
    const out = current.outputs[index];
    if (!out)
      throw new ProviderFailure({ code: 'output.missing', message: `${source.label} reported success but named no video`, category: 'provider_internal', retryable: false, charged: 'unknown' });
    const res = await outboundFetch(out.url, {}, source.policy, `${source.label} output storage`);
    if (res.ok) {
      return {
        body: cappedBody(res, source.maxBytes, `the ${source.label} video`),
        contentType: res.headers.get('content-type') ?? 'video/mp4',
        size: Number(res.headers.get('content-length') ?? NaN) || undefined,
      };
    }
    await res.body?.cancel();
    if (!stale.includes(res.status)) {
      throw new ProviderFailure({
        code: `HTTP ${res.status}`,
        message: `the ${source.label} video could not be downloaded (HTTP ${res.status})`,
        category: 'provider_internal',
        retryable: res.status >= 500,
        charged: 'unknown',
        httpStatus: res.status,
      });
    }
  }
  throw new ProviderFailure({ code: 'output.expired', message: source.expiredMessage, category: 'expired', retryable: false, charged: true });
}
