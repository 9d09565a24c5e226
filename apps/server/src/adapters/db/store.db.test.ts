/**
 * The store's transactions on SQLite and PostgreSQL: a duplicate on a key people choose or Backlot
 * allocates fails as the domain error a service's own check gives (and writes nothing), any other
 * duplicate stays the database's error, and a transaction refused for its timing alone (a deadlock,
 * a busy database) runs again whole, a few times at most.
 */
import { GenerationProjectSettings, ReviewProjectSettings, ShotPlan } from '@backlot/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { createStore } from './store.ts';

const AT = '2026-01-05T09:00:00.000Z';

const account = (id: string, email: string) => ({ id, email, name: id, passwordHash: 'x', isAdmin: false, disabledAt: null, createdAt: AT, updatedAt: AT });
const project = (id: string, code: string) => ({
  id,
  code,
  name: code,
  fpsNum: 24,
  fpsDen: 1,
  timecodeMode: 'ndf' as const,
  width: 1920,
  height: 1080,
  currency: 'USD',
  budgetMicros: 0,
  generation: GenerationProjectSettings.parse({}),
  review: ReviewProjectSettings.parse({}),
  closedAt: null,
  createdBy: 'acc-1',
  createdAt: AT,
  updatedAt: AT,
});
const scene = (id: string, number: string) => ({
  id,
  projectId: 'prj-1',
  number,
  heading: `INT. ROOM ${id}`,
  beat: '',
  excerpt: '',
  characters: [],
  position: 0,
  omittedAt: null,
  createdAt: AT,
  updatedAt: AT,
});
const shot = (id: string, code: string) => ({
  id,
  projectId: 'prj-1',
  sceneId: 'scn-1',
  code,
  position: 0,
  status: 'planned' as const,
  planVersion: 1,
  lockedAt: null,
  lockedBy: null,
  createdAt: AT,
  updatedAt: AT,
});
const version = (shotId: string, v: number) => ({ shotId, version: v, plan: ShotPlan.parse({}), authorId: null, authorName: 'Dora', note: null, createdAt: AT });
const asset = (id: string, name: string) => ({
  id,
  projectId: 'prj-1',
  kind: 'character' as const,
  name,
  status: 'active' as const,
  clearance: 'uncleared' as const,
  source: 'upload' as const,
  createdAt: AT,
  updatedAt: AT,
});
const token = (id: string, hash: string) => ({ id, accountId: 'acc-1', name: id, tokenHash: hash, prefix: 'blt_', createdAt: AT, expiresAt: null, lastUsedAt: null, revokedAt: null });

/** The error a code raises in a driver: what the retry and the mapping read. */
const driverError = (code: string) => Object.assign(new Error(`driver refused: ${code}`), { code });

describe.each(DIALECTS)('store transactions [%s]', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
    store = createStore(testDb.database.db, dialect);
    await store.transaction(async (tx) => {
      await tx.accounts.insert(account('acc-1', 'ada@example.com'));
      await tx.accounts.insert(account('acc-2', 'bo@example.com'));
      await tx.projects.insert(project('prj-1', 'ONE'));
      await tx.members.insert({ projectId: 'prj-1', accountId: 'acc-1', role: 'owner', createdAt: AT });
      await tx.scenes.insert(scene('scn-1', '1'));
      await tx.shots.insert(shot('sht-1', 'SC001_SH010'));
      await tx.shots.insertVersion(version('sht-1', 1));
      await tx.assets.insert(asset('ast-1', 'Nell'));
      await tx.tokens.insert(token('tok-1', 'hash-1'));
    });
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  const duplicates: [string, (tx: Repos) => Promise<unknown>, { code: string; field?: string }][] = [
    ['an account email', (tx) => tx.accounts.insert(account('acc-9', 'ada@example.com')), { code: 'account.email_taken', field: 'email' }],
    ['a project code', (tx) => tx.projects.insert(project('prj-9', 'ONE')), { code: 'project.code_taken', field: 'code' }],
    ['a membership', (tx) => tx.members.insert({ projectId: 'prj-1', accountId: 'acc-1', role: 'editor', createdAt: AT }), { code: 'member.exists' }],
    ['a scene number', (tx) => tx.scenes.insert(scene('scn-9', '1')), { code: 'scene.number_taken', field: 'number' }],
    ['a shot code', (tx) => tx.shots.insert(shot('sht-9', 'SC001_SH010')), { code: 'shot.code_taken', field: 'code' }],
    ['a reference name of its kind', (tx) => tx.assets.insert(asset('ast-9', 'Nell')), { code: 'asset.name_taken', field: 'name' }],
    ['a plan version', (tx) => tx.shots.insertVersion(version('sht-1', 1)), { code: 'plan.stale', field: 'baseVersion' }],
  ];

  it.each(duplicates)('answers %s taken with its domain error, and writes nothing of the transaction', async (_what, insert, expected) => {
    const attempt = store.transaction(async (tx) => {
      await tx.scenes.insert(scene('scn-written-first', '77'));
      await insert(tx);
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject(expected);
    expect(await store.read.scenes.findById('prj-1', 'scn-written-first')).toBeUndefined();
  });

  it('leaves a duplicate on a key no one chooses as the database reported it', async () => {
    const attempt = store.transaction((tx) => tx.tokens.insert(token('tok-9', 'hash-1')));
    await expect(attempt).rejects.toThrow();
    await expect(attempt).rejects.not.toBeInstanceOf(DomainError);
  });

  const transient = dialect === 'postgres' ? ['40P01', '40001'] : ['SQLITE_BUSY'];

  it.each(transient)('runs the whole transaction again after %s, keeping only the run that committed', async (code) => {
    let runs = 0;
    const number = await store.transaction(async (tx) => {
      runs += 1;
      await tx.scenes.insert(scene(`scn-retry-${code}-${runs}`, `R${code}${runs}`));
      if (runs === 1) throw driverError(code);
      return runs;
    });
    expect([number, runs]).toEqual([2, 2]);
    expect(await store.read.scenes.findById('prj-1', `scn-retry-${code}-1`)).toBeUndefined();
    expect(await store.read.scenes.findById('prj-1', `scn-retry-${code}-2`)).toMatchObject({ number: `R${code}2` });
  });

  it('gives up after five runs, with the database’s own error', async () => {
    let runs = 0;
    const attempt = store.transaction(async () => {
      runs += 1;
      throw driverError(transient[0]);
    });
    await expect(attempt).rejects.toMatchObject({ code: transient[0] });
    expect(runs).toBe(5);
  });

  it('does not run again after an error of the work itself', async () => {
    let runs = 0;
    const attempt = store.transaction(async () => {
      runs += 1;
      throw new DomainError('request.invalid', 'no');
    });
    await expect(attempt).rejects.toMatchObject({ code: 'request.invalid' });
    expect(runs).toBe(1);
  });

  // SQLite has one writer at a time (BEGIN IMMEDIATE): two transactions never hold rows at once, so they cannot deadlock.
  it.skipIf(dialect === 'sqlite')('commits both of two transactions that lock the same rows in opposite orders', async () => {
    await store.transaction(async (tx) => {
      await tx.scenes.insert(scene('scn-a', '101'));
      await tx.scenes.insert(scene('scn-b', '102'));
    });
    const signal = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const aHeld = signal();
    const bHeld = signal();
    let runs = 0;
    /** Writes `first`, waits until the other holds its first row, then writes `second`. */
    const crossing = (first: string, second: string, held: ReturnType<typeof signal>, other: ReturnType<typeof signal>, heading: string) =>
      store.transaction(async (tx) => {
        runs += 1;
        await tx.scenes.update(first, { heading });
        held.open();
        await other.opened;
        await tx.scenes.update(second, { heading });
      });
    await Promise.all([crossing('scn-a', 'scn-b', aHeld, bHeld, 'one'), crossing('scn-b', 'scn-a', bHeld, aHeld, 'two')]);
    // PostgreSQL broke the deadlock by refusing one of the two; it ran again once the other had committed.
    expect(runs).toBe(3);
    const headings = [(await store.read.scenes.findById('prj-1', 'scn-a'))!.heading, (await store.read.scenes.findById('prj-1', 'scn-b'))!.heading];
    expect([
      ['one', 'one'],
      ['two', 'two'],
    ]).toContainEqual(headings);
  });
});
