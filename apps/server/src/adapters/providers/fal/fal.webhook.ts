/**
 * fal's signed webhooks (PROVIDERS.md §6.5): each push carries `X-Fal-Webhook-Request-Id`,
 * `X-Fal-Webhook-User-Id`, `X-Fal-Webhook-Timestamp` (Unix seconds) and `X-Fal-Webhook-Signature`
 * (hex ED25519) over `request_id \n user_id \n timestamp \n hex(sha256(raw body))`, verified
 * against any key of the JWKS fal publishes (OKP/Ed25519). Pushes more than 300 s from now are
 * refused, so a captured one cannot be replayed later. The header names and steps are confirmed;
 * the exact message and the JWKS address are ◐/⚠ in §6.5, which is why the address is a setting.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { WebhookRequest } from '../../../ports/video-provider.ts';
import { outboundFetch, type OutboundPolicy } from '../outbound.ts';

/** Where fal publishes its webhook keys (§6.5). */
export const FAL_JWKS_URL = 'https://rest.alpha.fal.ai/.well-known/jwks.json';
/** How far a push's timestamp may be from now, in seconds. */
export const FAL_WEBHOOK_WINDOW_SEC = 300;

/** A push Backlot will not act on, and why (said in the log, never to the sender). */
export class FalWebhookRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FalWebhookRefused';
  }
}

/** fal's published keys, fetched once and kept; fetched again when no key verifies and the copy is more than a minute old (a rotated key). */
export function createFalJwks(url: string, policy: OutboundPolicy, now: () => number = Date.now) {
  let cached: { keys: KeyObject[]; at: number } | undefined;

  async function load(): Promise<KeyObject[]> {
    const res = await outboundFetch(url, { headers: { accept: 'application/json' } }, policy, "fal's webhook keys");
    if (!res.ok) {
      await res.body?.cancel();
      throw new FalWebhookRefused(`fal's webhook keys could not be read (HTTP ${res.status} from ${url})`);
    }
    const body = (await res.json().catch(() => null)) as { keys?: unknown[] } | null;
    const keys: KeyObject[] = [];
    for (const jwk of body?.keys ?? []) {
      const k = jwk as { kty?: string; crv?: string; x?: string };
      if (k?.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') continue;
      try {
        keys.push(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }));
      } catch {
        // A key Node cannot read verifies nothing; the others may.
      }
    }
    if (!keys.length) throw new FalWebhookRefused(`fal's webhook key set at ${url} holds no Ed25519 key`);
    cached = { keys, at: now() };
    return keys;
  }

  /** One read at a time: pushes arriving together share it. */
  let loading: Promise<KeyObject[]> | undefined;
  const once = () => (loading ??= load().finally(() => (loading = undefined)));

  return {
    keys: async () => cached?.keys ?? once(),
    /** Reads the keys again unless they were read in the last minute. */
    refresh: async () => (cached && now() - cached.at < 60_000 ? null : once()),
  };
}

export type FalJwks = ReturnType<typeof createFalJwks>;

/** The message fal signs for a push. */
export function falSignedMessage(requestId: string, userId: string, timestamp: string, rawBody: Uint8Array): Buffer {
  return Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${createHash('sha256').update(rawBody).digest('hex')}`, 'utf8');
}

export interface FalPush {
  request_id?: string;
  gateway_request_id?: string;
  status?: 'OK' | 'ERROR' | string;
  payload?: unknown;
  error?: string;
  payload_error?: string;
}

/** Checks a push's signature and age; answers the request id it is about and its body. Throws FalWebhookRefused. */
export async function verifyFalWebhook(req: WebhookRequest, jwks: FalJwks, now: () => number = Date.now): Promise<{ requestId: string; push: FalPush }> {
  const header = (name: string) => {
    const v = req.headers.get(name);
    if (!v) throw new FalWebhookRefused(`the push has no ${name} header`);
    return v;
  };
  const requestId = header('x-fal-webhook-request-id');
  const userId = header('x-fal-webhook-user-id');
  const timestamp = header('x-fal-webhook-timestamp');
  const signatureHex = header('x-fal-webhook-signature');
  if (!/^\d{1,12}$/.test(timestamp)) throw new FalWebhookRefused('the push timestamp is not a number of seconds');
  const skew = Math.abs(now() / 1000 - Number(timestamp));
  if (skew > FAL_WEBHOOK_WINDOW_SEC) throw new FalWebhookRefused(`the push was signed ${Math.round(skew)} s away from now, more than the ${FAL_WEBHOOK_WINDOW_SEC} s allowed`);
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) throw new FalWebhookRefused('the push signature is not 64 bytes of hex');
  const signature = Buffer.from(signatureHex, 'hex');
  const message = falSignedMessage(requestId, userId, timestamp, req.rawBody);
  const matches = (keys: KeyObject[]) => keys.some((k) => verify(null, message, k, signature));
  if (!matches(await jwks.keys())) {
    const fresh = await jwks.refresh();
    if (!fresh || !matches(fresh)) throw new FalWebhookRefused("the push signature matches none of fal's published keys");
  }
  let push: FalPush;
  try {
    push = JSON.parse(Buffer.from(req.rawBody).toString('utf8')) as FalPush;
  } catch {
    throw new FalWebhookRefused('the signed push body is not JSON');
  }
  if (push?.request_id !== requestId) throw new FalWebhookRefused('the push body names another request than its signed header');
  return { requestId, push };
}
