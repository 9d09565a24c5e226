/** Crypto port: secrets for links and tokens, digests, password hashing. */

export interface Secrets {
  /** A fresh random secret, URL-safe, with at least 256 bits of entropy. */
  randomToken(): string;
  /** Hex SHA-256 of a string; how high-entropy tokens are stored. */
  sha256(text: string): string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/**
 * Seals secrets kept in the database (provider keys) with the operator's key, so a copy of the
 * database alone reveals none of them. `context` names what the secret is for (its row); a sealed
 * value opens only with the same context, so one row's secret cannot be moved onto another.
 */
export interface SecretBox {
  /** Whether a key is configured; without one, `seal` and `open` throw. */
  readonly configured: boolean;
  /** The id of the key new secrets are sealed with (a fingerprint, not the key). */
  readonly keyId: string | null;
  /** Key ids this box can open: the current key and any previous ones kept for rotation. */
  readonly keyIds: readonly string[];
  seal(plaintext: string, context: string): string;
  /** Throws when the value was sealed for another context, tampered with, or under a key not configured. */
  open(sealed: string, context: string): string;
  /** The key id a sealed value names. */
  keyIdOf(sealed: string): string;
}
