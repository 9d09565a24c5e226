/**
 * Kling's token (PROVIDERS.md §4.1). The expected token was computed once by hand with Python's
 * hmac/base64 from the header and payload written below, not by this code.
 */
import { describe, expect, it } from 'vitest';
import { klingToken, klingTokenSource, parseKlingKey } from './kling.jwt.ts';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());

describe('Kling JWT', () => {
  it('signs {"alg":"HS256","typ":"JWT"} . {iss, exp: now+1800, nbf: now-5} with the secret key', () => {
    const token = klingToken('AK-backlot-test', 'sk-secret-0123', 1795513800);
    expect(token).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBSy1iYWNrbG90LXRlc3QiLCJleHAiOjE3OTU1MTU2MDAsIm5iZiI6MTc5NTUxMzc5NX0.75seO8CK4_OdL_JiCUhjptFpNdonKCik8ur3aAGEOAE');
    expect(decode(token.split('.')[1])).toEqual({ iss: 'AK-backlot-test', exp: 1795515600, nbf: 1795513795 });
  });

  it('reuses a token while it has more than five minutes left, and mints a new one after', () => {
    let now = 1_800_000_000;
    const next = klingTokenSource('AK', 'SK', () => now);
    const first = next();
    now += 1499; // 301 s left
    expect(next()).toBe(first);
    now += 2; // 299 s left
    const second = next();
    expect(second).not.toBe(first);
    expect(decode(second.split('.')[1])).toEqual({ iss: 'AK', exp: 1_800_001_501 + 1800, nbf: 1_800_001_501 - 5 });
  });

  it('reads a stored key as ACCESS:SECRET, the secret keeping any colon, and names the format when it is not one', () => {
    expect(parseKlingKey('AKabc:SK:with:colons')).toEqual({ accessKey: 'AKabc', secretKey: 'SK:with:colons' });
    expect(parseKlingKey('just-one-part')).toEqual({ problem: 'a Kling key is the access key and the secret key joined by a colon (ACCESS_KEY:SECRET_KEY)' });
    expect(parseKlingKey(':secret')).toHaveProperty('problem');
    expect(parseKlingKey('access:')).toHaveProperty('problem');
  });
});
