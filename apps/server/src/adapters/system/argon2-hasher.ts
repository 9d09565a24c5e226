/** Password hashing with argon2id (@node-rs/argon2: prebuilt, no install script). */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../ports/crypto.ts';

/** argon2id; `fast` lowers the cost for test suites only. */
export function createArgon2Hasher(options: { fast?: boolean } = {}): PasswordHasher {
  // OWASP's baseline for argon2id: 19 MiB, 2 iterations, 1 lane.
  const params = options.fast ? { memoryCost: 1024, timeCost: 1, parallelism: 1 } : { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  return {
    hash: (password) => hash(password, { algorithm: 2, ...params }),
    async verify(h, password) {
      try {
        return await verify(h, password);
      } catch {
        return false;
      }
    },
  };
}
