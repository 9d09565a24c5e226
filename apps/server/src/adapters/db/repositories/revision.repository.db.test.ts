/**
 * Migration 0009 and the revision repository on SQLite and PostgreSQL: scenes stored before it read
 * as imported, the numbering lock is set and lifted, revisions and what they did to each scene are
 * read back in order, and the migration goes down again.
 */
import { sql, Migrator, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../../test/databases.ts';
import type { Store } from '../../../ports/store.ts';
import { migrations } from '../migrations/index.ts';
import type { DB } from '../schema.ts';
import { createStore } from '../store.ts';

const AT = '2026-12-06T09:00:00.000Z';

function migrator(db: Kysely<DB>) {
  return new Migrator({
    db,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
    migrationTableName: 'backlot_migrations',
    migrationLockTableName: 'backlot_migrations_lock',
  });
}

describe.each(DIALECTS)('migration 0009 and script revisions [%s]', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
    store = createStore(testDb.database.db, dialect);
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('a scene stored before the migration reads as imported after it', async () => {
    const db = testDb.database.db;
    expect((await migrator(db).migrateTo('0008-sign-in-limits')).error).toBeUndefined();
    await sql`insert into accounts (id, email, name, password_hash, is_admin, created_at, updated_at) values ('acc-1', 'ada@example.com', 'Ada', 'x', 0, ${AT}, ${AT})`.execute(db);
    // The project as the schema was at 0008 (later migrations add columns the repository writes).
    await sql`insert into projects (id, code, name, fps_num, fps_den, timecode_mode, width, height, currency, budget_micros, generation_settings, closed_at, created_by, created_at, updated_at) values ('prj-1', 'ONE', 'One', 24, 1, 'ndf', 1920, 1080, 'USD', 0, '{}', null, 'acc-1', ${AT}, ${AT})`.execute(
      db,
    );
    await sql`insert into scenes (id, project_id, number, heading, position, created_at, updated_at) values ('scn-old', 'prj-1', '1', 'INT. OLD - DAY', 0, ${AT}, ${AT})`.execute(db);
    expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
    expect((await store.read.scenes.findById('prj-1', 'scn-old'))?.origin).toBe('imported');
  });

  it('locks and unlocks numbering, and reads revisions with what they did to each scene', async () => {
    await store.transaction(async (tx) => {
      await tx.scenes.insert({
        id: 'scn-hand',
        projectId: 'prj-1',
        number: '2',
        heading: 'INT. HAND - DAY',
        beat: '',
        excerpt: '',
        characters: [],
        position: 1,
        omittedAt: null,
        createdAt: AT,
        updatedAt: AT,
        origin: 'manual',
      });
      await tx.revisions.setNumberingLock('prj-1', { projectId: 'prj-1', lockedBy: 'acc-1', lockedByName: 'Ada', lockedAt: AT });
      await tx.revisions.insert(
        { id: 'rev-1', projectId: 'prj-1', number: 1, colour: 'white', fileName: 'a.fountain', title: 'A', authorId: 'acc-1', authorName: 'Ada', added: 1, changed: 0, omitted: 0, createdAt: AT },
        [{ sceneId: 'scn-old', revisionId: 'rev-1', change: 'added', parts: [] }],
      );
      await tx.revisions.insert(
        { id: 'rev-2', projectId: 'prj-1', number: 2, colour: 'blue', fileName: null, title: null, authorId: null, authorName: 'Backlot', added: 0, changed: 1, omitted: 0, createdAt: AT },
        [{ sceneId: 'scn-old', revisionId: 'rev-2', change: 'changed', parts: ['heading', 'dialogue'] }],
      );
    });
    expect((await store.read.scenes.findById('prj-1', 'scn-hand'))?.origin).toBe('manual');
    expect(await store.read.revisions.numberingLock('prj-1')).toEqual({ projectId: 'prj-1', lockedBy: 'acc-1', lockedByName: 'Ada', lockedAt: AT });
    expect(await store.read.revisions.latestNumber('prj-1')).toBe(2);
    expect((await store.read.revisions.list('prj-1')).map((r) => `${r.number} ${r.colour}`)).toEqual(['1 white', '2 blue']);
    expect((await store.read.revisions.sceneChanges('prj-1', ['scn-old'])).map((c) => [c.revisionNumber, c.change, c.parts])).toEqual([
      [1, 'added', []],
      [2, 'changed', ['heading', 'dialogue']],
    ]);
    expect(await store.read.revisions.sceneChanges('prj-1', ['scn-hand'])).toEqual([]);
    await store.transaction((tx) => tx.revisions.setNumberingLock('prj-1', null));
    expect(await store.read.revisions.numberingLock('prj-1')).toBeUndefined();
  });

  it('refuses a second revision with the same number in a project', async () => {
    await expect(
      store.transaction((tx) =>
        tx.revisions.insert(
          { id: 'rev-x', projectId: 'prj-1', number: 2, colour: 'blue', fileName: null, title: null, authorId: null, authorName: 'Backlot', added: 0, changed: 0, omitted: 0, createdAt: AT },
          [],
        ),
      ),
    ).rejects.toThrow();
  });

  it('goes down again: the revision tables and the origin column are gone', async () => {
    const db = testDb.database.db;
    expect((await migrator(db).migrateTo('0008-sign-in-limits')).error).toBeUndefined();
    await expect(sql`select count(*) from script_revisions`.execute(db)).rejects.toThrow();
    await expect(sql`select origin from scenes`.execute(db)).rejects.toThrow();
    expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
  });
});
