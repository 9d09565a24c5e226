/**
 * Sign-in limits per account as well as per address, on SQLite and PostgreSQL: failed attempts
 * against one account pause that account only, from every address and on every server sharing
 * the database, while another account signs in from the same address; a success starts the
 * count again, and the pause ends when its window does.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { INSTANCE_CHAIN } from '../domain/audit/audit-chain.ts';
import { createArgon2Hasher } from '../adapters/system/argon2-hasher.ts';
import { openDatabase } from '../adapters/db/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createContainer } from '../container.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-03-01T09:00:00Z');
/** A clock each database's run starts again at 09:00 UTC. */
let nowMs = START;
const clock = { now: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };

describeEachDatabase(
  'sign-in limits per account',
  (h) => {
    let ana: Person, bo: Person, cy: Person;
    const attempt = (email: string, password: string, address: string) => h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: address });
    const statuses = async (email: string, passwords: string[], address: string) => {
      const out: number[] = [];
      for (const p of passwords) out.push((await attempt(email, p, address)).statusCode);
      return out;
    };

    it('pauses an account after 3 failures within 10 minutes, from any address, with the time to try again', async () => {
      nowMs = START;
      [ana, bo, cy] = await Promise.all(['Ana', 'Bo', 'Cy'].map((n) => h().person(n)));
      expect(await statuses(ana.email, ['wrong-1'], '10.0.0.1')).toEqual([401]);
      clock.advance(4 * MINUTE);
      expect(await statuses(ana.email, ['wrong-2', 'wrong-3'], '10.0.0.1')).toEqual([401, 401]);

      const paused = await attempt(ana.email, ana.password, '10.0.0.1');
      expect(paused.statusCode).toBe(429);
      expect(paused.json().error).toEqual({ code: 'auth.rate_limited', message: 'Too many failed sign-ins to this account; try again in 6 minutes, after 09:10 UTC.' });
      const elsewhere = await attempt(ana.email, ana.password, '192.0.2.44');
      expect(elsewhere.statusCode).toBe(429);
      expect(elsewhere.cookies.some((c) => c.name === 'backlot_session')).toBe(false);
      const { events } = await h().container.services.auditLog.page(INSTANCE_CHAIN, undefined, 2);
      expect(events.map((e) => e.summary)).toEqual([`Sign-in to ${ana.email} paused until 09:10 UTC after 3 failed attempts`, `Failed sign-in for ${ana.email} (wrong password)`]);
    });

    it('counts guesses sent at once one by one: no more than the limit get their password checked', async () => {
      const di = await h().person('Di');
      const answers = await Promise.all(['g1', 'g2', 'g3', 'g4', 'g5', 'g6'].map((p, i) => attempt(di.email, p, `10.1.0.${i + 1}`)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([401, 401, 401, 429, 429, 429]);
    });

    it('lets another account sign in from the same address meanwhile', async () => {
      expect(await statuses(bo.email, [bo.password], '10.0.0.1')).toEqual([200]);
    });

    it('pauses the account on every server sharing the database', async () => {
      const t = h().testDb;
      const database = openDatabase(h().dialect === 'postgres' ? { url: t.url, sqlitePath: '' } : { sqlitePath: t.url });
      const other = await createContainer(loadConfig({ BACKLOT_DATA_DIR: t.dataDir, BACKLOT_SIGN_IN_ACCOUNT_FAILURES: '3', BACKLOT_SIGN_IN_ACCOUNT_MINUTES: '10' }), {
        database,
        clock,
        hasher: createArgon2Hasher({ fast: true }),
      });
      try {
        await expect(other.services.auth.signIn(ana.email, ana.password, null)).rejects.toMatchObject({ code: 'auth.rate_limited' });
        await expect(other.services.auth.signIn(bo.email, bo.password, null)).resolves.toMatchObject({ account: { id: bo.id } });
      } finally {
        await other.close();
      }
    });

    it('answers an email no account has the same way, so a pause tells nothing about who has an account', async () => {
      expect(await statuses('nobody@example.com', ['a-guess', 'b-guess', 'c-guess', 'd-guess'], '10.0.0.3')).toEqual([401, 401, 401, 429]);
    });

    it('starts the count again after a successful sign-in', async () => {
      expect(await statuses(cy.email, ['wrong-1', 'wrong-2', cy.password, 'wrong-3', 'wrong-4', cy.password], '10.0.0.1')).toEqual([401, 401, 200, 401, 401, 200]);
    });

    it('lets the account in again once the window has passed', async () => {
      clock.advance(6 * MINUTE);
      expect(await statuses(ana.email, [ana.password], '10.0.0.1')).toEqual([200]);
    });
  },
  { clock, env: { BACKLOT_SIGN_IN_ACCOUNT_FAILURES: '3', BACKLOT_SIGN_IN_ACCOUNT_MINUTES: '10' } },
);
