/** The wire shape of an account: never the password hash. */
import type { Account } from '@backlot/contracts';
import type { AccountRecord } from '../../ports/store.ts';

export function presentAccount(a: AccountRecord): Account {
  return { id: a.id, email: a.email, name: a.name, isAdmin: a.isAdmin, disabled: a.disabledAt !== null, createdAt: a.createdAt };
}
