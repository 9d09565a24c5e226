/**
 * The secret box: AES-256-GCM with a random 96-bit nonce per value and the row's context as
 * additional authenticated data. A sealed value reads `v1.KEYID.NONCE.CIPHERTEXT+TAG` (base64url),
 * so rotation can tell which key opens each value. Keys come from the operator's configuration as
 * 32 bytes, base64 or hex; a key id is the first 12 hex digits of the key's SHA-256.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../ports/crypto.ts';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** 32 bytes from base64 (standard or url-safe) or 64 hex digits; anything else is refused, saying why. */
export function parseSecretKey(text: string, name: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== 32) {
    throw new SecretKeyError(`${name} must be 32 random bytes as base64 or 64 hex digits (it is ${bytes.length} bytes); make one with: openssl rand -base64 32`);
  }
  return bytes;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function parts(sealed: string): { keyId: string; nonce: Buffer; body: Buffer } {
  const [version, keyId, nonce, body] = sealed.split('.');
  if (version !== VERSION || !keyId || !nonce || !body) throw new SecretKeyError('not a sealed secret (unknown format)');
  return { keyId, nonce: Buffer.from(nonce, 'base64url'), body: Buffer.from(body, 'base64url') };
}

/** A box sealing with `current` and opening with it or any of `previous`; with no key, a box that refuses both. */
export function createAesGcmSecretBox(current: Buffer | undefined, previous: readonly Buffer[] = []): SecretBox {
  const keys = new Map<string, Buffer>();
  const currentId = current ? keyIdOf(current) : null;
  if (current) keys.set(currentId!, current);
  for (const k of previous) keys.set(keyIdOf(k), k);
  const missing = () => new SecretKeyError('no secret key is configured (BACKLOT_SECRET_KEY): stored secrets can be neither sealed nor opened');

  return {
    configured: current !== undefined,
    keyId: currentId,
    keyIds: [...keys.keys()],
    keyIdOf: (sealed) => parts(sealed).keyId,

    seal(plaintext, context) {
      if (!current) throw missing();
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, currentId, nonce.toString('base64url'), body.toString('base64url')].join('.');
    },

    open(sealed, context) {
      if (!current && keys.size === 0) throw missing();
      const { keyId, nonce, body } = parts(sealed);
      const key = keys.get(keyId);
      if (!key) throw new SecretKeyError(`the secret was sealed with key ${keyId}, which is not configured (set it as BACKLOT_SECRET_KEY_PREVIOUS to rotate)`);
      if (body.length < TAG_BYTES) throw new SecretKeyError('the sealed secret is cut short');
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyError('the sealed secret does not open: it was altered, or sealed for another row');
      }
    },
  };
}
