/**
 * Kling's API token (PROVIDERS.md §4.1): a JWT signed HS256 with the secret key, naming the access
 * key as `iss`, valid from 5 s ago (`nbf`, for clock difference) for 30 minutes (`exp`).
 * Backlot keeps a Kling key as `ACCESS_KEY:SECRET_KEY` (the access key has no colon).
 */
import { createHmac } from 'node:crypto';

export const KLING_TOKEN_LIFETIME_SEC = 1800;
/** A token with less than this left is replaced before a request. */
export const KLING_TOKEN_REFRESH_SEC = 300;

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The access and secret keys of a stored Kling key, or why it is not one. */
export function parseKlingKey(credential: string): { accessKey: string; secretKey: string } | { problem: string } {
  const at = credential.indexOf(':');
  if (at <= 0 || at === credential.length - 1) return { problem: 'a Kling key is the access key and the secret key joined by a colon (ACCESS_KEY:SECRET_KEY)' };
  return { accessKey: credential.slice(0, at).trim(), secretKey: credential.slice(at + 1).trim() };
}

/** A token minted at `nowSec` (seconds since the epoch). */
export function klingToken(accessKey: string, secretKey: string, nowSec: number): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ iss: accessKey, exp: nowSec + KLING_TOKEN_LIFETIME_SEC, nbf: nowSec - 5 }));
  const signature = createHmac('sha256', secretKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** Hands out a key's token, minting a new one when the last has under five minutes left. */
export function klingTokenSource(accessKey: string, secretKey: string, clock: () => number = () => Math.floor(Date.now() / 1000)) {
  let token = '';
  let expires = 0;
  return (): string => {
    const now = clock();
    if (expires - now < KLING_TOKEN_REFRESH_SEC) {
      token = klingToken(accessKey, secretKey, now);
      expires = now + KLING_TOKEN_LIFETIME_SEC;
    }
    return token;
  };
}
