import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesGcmSecretBox, keyIdOf, parseSecretKey } from './aes-gcm.secret-box.ts';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);
const SECRET = 'sk-canary-0123456789abcdef';

describe('the secret box (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text holds neither the secret nor the key', () => {
    const box = createAesGcmSecretBox(KEY_A);
    const sealed = box.seal(SECRET, 'provider-key:instance:seedance');
    expect(box.open(sealed, 'provider-key:instance:seedance')).toBe(SECRET);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(KEY_A.toString('base64'));
    expect(sealed.startsWith(`v1.${keyIdOf(KEY_A)}.`)).toBe(true);
  });

  it('seals the same secret differently each time (a fresh nonce)', () => {
    const box = createAesGcmSecretBox(KEY_A);
    expect(box.seal(SECRET, 'c')).not.toBe(box.seal(SECRET, 'c'));
  });

  it('refuses a value moved onto another row (another context)', () => {
    const box = createAesGcmSecretBox(KEY_A);
    const sealed = box.seal(SECRET, 'provider-key:P1:seedance');
    expect(() => box.open(sealed, 'provider-key:P2:seedance')).toThrow(/altered, or sealed for another row/);
  });

  it('refuses a value with one character changed', () => {
    const box = createAesGcmSecretBox(KEY_A);
    const sealed = box.seal(SECRET, 'c');
    const body = sealed.split('.')[3];
    const flipped = body[5] === 'A' ? 'B' : 'A';
    const tampered = sealed.slice(0, sealed.length - body.length) + body.slice(0, 5) + flipped + body.slice(6);
    expect(() => box.open(tampered, 'c')).toThrow(/altered/);
  });

  it('names the key a value was sealed with when that key is not configured', () => {
    const sealed = createAesGcmSecretBox(KEY_A).seal(SECRET, 'c');
    expect(() => createAesGcmSecretBox(KEY_B).open(sealed, 'c')).toThrow(`sealed with key ${keyIdOf(KEY_A)}, which is not configured`);
  });

  it('opens with a previous key, and seals with the current one (rotation)', () => {
    const old = createAesGcmSecretBox(KEY_A).seal(SECRET, 'c');
    const box = createAesGcmSecretBox(KEY_B, [KEY_A]);
    expect(box.open(old, 'c')).toBe(SECRET);
    expect(box.keyIdOf(box.seal(SECRET, 'c'))).toBe(keyIdOf(KEY_B));
    expect(box.keyIds).toEqual([keyIdOf(KEY_B), keyIdOf(KEY_A)]);
  });

  it('without a key, refuses to seal or open, saying which setting is missing', () => {
    const box = createAesGcmSecretBox(undefined);
    expect(box.configured).toBe(false);
    expect(() => box.seal(SECRET, 'c')).toThrow(/BACKLOT_SECRET_KEY/);
  });

  it('reads a key as base64 or hex, and refuses one of the wrong length naming the setting', () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString('base64'), 'K').equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString('base64url'), 'K').equals(raw)).toBe(true);
    expect(parseSecretKey(raw.toString('hex'), 'K').equals(raw)).toBe(true);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'), 'BACKLOT_SECRET_KEY')).toThrow('BACKLOT_SECRET_KEY must be 32 random bytes as base64 or 64 hex digits (it is 16 bytes)');
  });
});
