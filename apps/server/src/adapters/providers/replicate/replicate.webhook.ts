/**
 * Replicate's webhook signature (PROVIDERS.md §7.4): headers `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` (space-separated `v1,<base64>`), each signature a base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${rawBody}` under the base64-decoded part of the `whsec_` secret. A push whose
 * timestamp is more than five minutes from now is refused too, so a captured one cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a push's timestamp may be from now. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** Why a push fails verification (`signature` when no listed signature matches), or null when it verifies. */
export function replicateWebhookProblem(headers: Headers, rawBody: string, secret: string, nowMs: number): string | null {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures) return 'it lacks the webhook-id, webhook-timestamp or webhook-signature header';
  if (!/^\d+$/.test(timestamp)) return 'its webhook-timestamp is not a time in seconds';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > WEBHOOK_TOLERANCE_MS) return 'its webhook-timestamp is more than five minutes from now';
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'signature';
}
