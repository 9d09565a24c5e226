/** A whole Backlot (container and HTTP app) on a fresh test database, with helpers to act as people. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse as LightResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Role } from '@backlot/contracts';
import { loadConfig } from '../src/config/load-config.ts';
import { createContainer, type Container } from '../src/container.ts';
import { createArgon2Hasher } from '../src/adapters/system/argon2-hasher.ts';
import { buildApp, type AppOptions } from '../src/http/app.ts';
import type { BlobStore } from '../src/ports/blob-store.ts';
import type { Clock } from '../src/ports/clock.ts';
import type { Mailer } from '../src/ports/mailer.ts';
import type { VideoProviderAdapter } from '../src/ports/video-provider.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from './databases.ts';
import type { Dialect } from '../src/adapters/db/database.ts';

export const ORIGIN = 'http://127.0.0.1:4100';

export interface Harness {
  dialect: Dialect;
  testDb: TestDatabase;
  container: Container;
  app: FastifyInstance;
  /** Sends a request as someone: a session cookie (with this site's Origin on writes) or a bearer token. */
  as(who: Person | undefined, opts: InjectOptions): Promise<LightResponse>;
  /** Signs a person in again (a new session cookie). */
  signIn(who: Person): Promise<void>;
  /** Creates an account and signs it in. */
  person(name: string, opts?: { admin?: boolean }): Promise<Person>;
  /** Creates a project owned by `owner` and adds one member per role given. */
  project(owner: Person, code: string, members?: [Person, Role][]): Promise<string>;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
  cookie: string;
}

export interface HarnessOptions {
  clock?: Clock;
  blobs?: BlobStore;
  mailer?: Mailer;
  env?: Record<string, string>;
  app?: AppOptions;
  /** Video providers instead of the built-in previs alone. */
  providers?: VideoProviderAdapter[];
}

export async function createHarness(dialect: Dialect, options: HarnessOptions = {}): Promise<Harness> {
  const testDb = await openTestDatabase(dialect);
  const config = loadConfig({ BACKLOT_DATA_DIR: testDb.dataDir, BACKLOT_PUBLIC_URL: ORIGIN, BACKLOT_SIGN_IN_PER_MINUTE: '1000', ...options.env });
  const container = await createContainer(config, {
    database: testDb.database,
    hasher: createArgon2Hasher({ fast: true }),
    clock: options.clock,
    mailer: options.mailer,
    blobs: options.blobs,
    providers: options.providers,
  });
  const app = await buildApp(container, options.app);
  let n = 0;

  const as: Harness['as'] = (who, opts) => {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (who) headers.cookie = `backlot_session=${who.cookie}`;
    if (opts.method && opts.method !== 'GET' && !('origin' in headers)) headers.origin = ORIGIN;
    return app.inject({ ...opts, headers });
  };

  async function signIn(email: string, password: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, headers: { origin: ORIGIN } });
    const c = res.cookies.find((c) => c.name === 'backlot_session');
    if (!c) throw new Error(`sign-in failed: ${res.body}`);
    return c.value;
  }

  return {
    dialect,
    testDb,
    container,
    app,
    as,
    async signIn(who) {
      who.cookie = await signIn(who.email, who.password);
    },
    async person(name, opts = {}) {
      n += 1;
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${n}@example.com`;
      const password = `password-${name}-${n}`;
      const needsSetup = await container.services.accounts.setupNeeded();
      const account =
        needsSetup && opts.admin
          ? await container.services.accounts.setup({ name, email, password })
          : await container.services.accounts.createAccount({ accountId: null, name: 'test' }, { name, email, password, isAdmin: !!opts.admin });
      return { id: account.id, email, name, password, cookie: await signIn(email, password) };
    },
    async project(owner, code, members = []) {
      const p = await container.services.projects.create(
        { accountId: owner.id, name: owner.name },
        {
          name: `Project ${code}`,
          code,
          frameRate: '24/1',
          timecodeMode: 'ndf',
          resolution: { width: 1920, height: 1080 },
          currency: 'USD',
          budget: '1000',
        },
      );
      for (const [person, role] of members) {
        await container.store.transaction((tx) => tx.members.insert({ projectId: p.id, accountId: person.id, role, createdAt: new Date().toISOString() }));
      }
      return p.id;
    },
  };
}

/** Runs a suite once per database, each with its own fresh harness. */
export function describeEachDatabase(name: string, suite: (h: () => Harness) => void, options: HarnessOptions = {}) {
  describe.each(DIALECTS)(`${name} [%s]`, (dialect) => {
    let harness: Harness | undefined;
    beforeAll(async () => {
      harness = await createHarness(dialect, options);
    });
    afterAll(async () => {
      await harness?.app.close();
      await harness?.container.close().catch(() => {});
      await harness?.testDb.drop();
    });
    suite(() => {
      if (!harness) throw new Error('harness not ready');
      return harness;
    });
  });
}
