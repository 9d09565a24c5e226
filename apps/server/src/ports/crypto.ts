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
