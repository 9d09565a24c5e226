/** System adapters: the real clock, UUIDv7 ids, random tokens and SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';

export const systemClock: Clock = { now: () => new Date() };

export const uuidV7Ids: Ids = { next: () => uuidv7() };

export const nodeSecrets: Secrets = {
  randomToken: () => randomBytes(32).toString('base64url'),
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
};
