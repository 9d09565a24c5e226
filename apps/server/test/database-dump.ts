/** Every row of every table of a harness's database, as one text: what a dump of the database would hold, for tests that search it. */
import type { Kysely } from 'kysely';
import type { Harness } from './harness.ts';

export async function dumpDatabase(h: () => Harness): Promise<string> {
  const db = h().container.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let out = '';
  for (const t of await db.introspection.getTables()) out += JSON.stringify(await db.selectFrom(t.name).selectAll().execute());
  return out;
}
