/** Failed sign-ins per email in SQL: one row an email, counted with an atomic upsert on both databases. */
import type { Kysely } from 'kysely';
import type { SignInFailureRepository } from '../../../ports/store.ts';
import type { DB } from '../schema.ts';

export function createSignInFailureRepository(db: Kysely<DB>): SignInFailureRepository {
  return {
    async countAttempt(email, at, windowStart) {
      // Expired counts go first (this email's too), so the upsert below starts a fresh window.
      await db.deleteFrom('sign_in_failures').where('first_failed_at', '<=', windowStart).execute();
      const row = await db
        .insertInto('sign_in_failures')
        .values({ email, failures: 1, first_failed_at: at })
        .onConflict((oc) => oc.column('email').doUpdateSet((eb) => ({ failures: eb('sign_in_failures.failures', '+', 1) })))
        .returning(['failures', 'first_failed_at'])
        .executeTakeFirstOrThrow();
      return { failures: Number(row.failures), firstFailedAt: row.first_failed_at };
    },
    async clear(email) {
      await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
    },
  };
}
