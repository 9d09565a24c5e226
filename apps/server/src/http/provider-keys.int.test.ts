/**
 * Provider keys on SQLite and PostgreSQL: an owner sets a project's key and the instance admin the
 * instance's; the key is sealed at rest, tested against a provider over HTTP, and never comes back:
 * a canary key is searched for in every answer, the log, the audit chain and a dump of every table.
 * Without the operator's secret key nothing is stored, and a process refuses to start when keys are
 * stored that it cannot open; rotation re-seals them all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerLogger } from '../admin/serve.command.ts';
import { loadConfig } from '../config/load-config.ts';
import { createContainer } from '../container.ts';
import { openDatabase } from '../adapters/db/database.ts';
import type { VideoProviderAdapter } from '../ports/video-provider.ts';
import { dumpDatabase } from '../../test/database-dump.ts';
import { describeEachDatabase, type Harness, type Person } from '../../test/harness.ts';

const KEY_1 = Buffer.alloc(32, 7).toString('base64');
const KEY_2 = Buffer.alloc(32, 9).toString('base64');
const CANARY = 'sk-canary-5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const INSTANCE_KEY = 'sk-instance-00112233445566778899aabbccdd';

/** A provider's "who am I" endpoint: 200 for the canary or the instance key sent as Bearer, 401 otherwise. */
let keyServer: Server;
let keyServerUrl = '';
const seenAuthorizations: string[] = [];
beforeAll(async () => {
  keyServer = createServer((req, res) => {
    seenAuthorizations.push(req.headers.authorization ?? '');
    const ok = req.headers.authorization === `Bearer ${CANARY}` || req.headers.authorization === `Bearer ${INSTANCE_KEY}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { data: [] } : { error: { code: 'AuthenticationError', message: 'The API key is invalid' } }));
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  keyServerUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => keyServer.close(() => resolve())));

/** A keyed provider whose connection test asks the server above; nothing else of it is called here. */
const keyedProvider = {
  provider: 'seedance',
  needsKey: true,
  models: () => [],
  async testConnection(credential: string, signal?: AbortSignal) {
    const res = await fetch(`${keyServerUrl}/api/v3/contents/generations/tasks?page_size=1`, { headers: { authorization: `Bearer ${credential}` }, signal });
    return res.ok ? { ok: true, message: 'Seedance accepted the key' } : { ok: false, message: `Seedance refused the key (HTTP ${res.status})` };
  },
  // It has an asset library (so an asset credential may be kept with its key); nothing calls it here.
  likenessAssets() {
    throw new Error('the asset library is not called in these tests');
  },
} as unknown as VideoProviderAdapter;
const ASSET_KEY = { accessKeyId: 'AKLTrotation00000001', secretAccessKey: 'rotation-secret-access-key-0001' };

/** A local model server: no key needed. */
const keylessProvider = { provider: 'comfyui', needsKey: false, models: () => [] } as unknown as VideoProviderAdapter;

let logText = '';
const logger = createServerLogger('debug', new Writable({ write: (chunk, _e, done) => ((logText += chunk.toString()), done()) }));

type H = () => Harness;

describeEachDatabase(
  'provider keys',
  (h: H) => {
    let admin: Person;
    let owner: Person;
    let producer: Person;
    let projectId: string;
    const answers: string[] = [];
    const as = async (who: Person, opts: Parameters<Harness['as']>[1]) => {
      const res = await h().as(who, opts);
      answers.push(res.body);
      return res;
    };

    it('an owner sets a key: the answer shows its last four characters, and a producer may not see or set keys', async () => {
      admin = await h().person('Admin', { admin: true });
      owner = await h().person('Olive Owner');
      producer = await h().person('Pat Producer');
      projectId = await h().project(owner, 'KEYS', [[producer, 'producer']]);
      logText = '';

      const set = await as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: CANARY } });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ provider: 'seedance', scope: 'project', hint: '…e1f0', setBy: 'Olive Owner', lastTest: null });

      const list = await as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/provider-keys` });
      expect(list.json()).toMatchObject({ sealing: true, providers: [{ provider: 'seedance', inForce: { scope: 'project', hint: '…e1f0' }, instanceKey: false }] });

      expect((await as(producer, { method: 'GET', url: `/api/v1/projects/${projectId}/provider-keys` })).statusCode).toBe(403);
      expect((await as(producer, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: 'sk-someone-else-123456' } })).statusCode).toBe(403);
    });

    it('tests the key against the provider, keeps the result with the key, and a wrong key is reported refused', async () => {
      const test = await as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/provider-keys/seedance/test` });
      expect(test.statusCode).toBe(200);
      expect(test.json()).toMatchObject({ ok: true, message: 'Seedance accepted the key' });
      expect(seenAuthorizations.at(-1)).toBe(`Bearer ${CANARY}`);
      const list = await as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/provider-keys` });
      expect(list.json().providers[0].inForce.lastTest).toMatchObject({ ok: true, message: 'Seedance accepted the key' });

      await as(admin, { method: 'PUT', url: '/api/v1/admin/provider-keys/seedance', payload: { secret: 'sk-wrong-key-aaaabbbbcccc' } });
      const wrong = await as(admin, { method: 'POST', url: '/api/v1/admin/provider-keys/seedance/test' });
      expect(wrong.json()).toMatchObject({ ok: false, message: 'Seedance refused the key (HTTP 401)' });
    });

    it("uses the project's own key over the instance's, and the instance's once the project's is removed", async () => {
      expect((await as(admin, { method: 'PUT', url: '/api/v1/admin/provider-keys/seedance', payload: { secret: INSTANCE_KEY } })).json()).toMatchObject({ scope: 'instance', hint: '…ccdd' });
      expect(await h().container.services.providerKeys.credentialFor(projectId, 'seedance')).toBe(CANARY);
      const before = (await as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/provider-keys` })).json();
      expect(before.providers[0]).toMatchObject({ inForce: { scope: 'project' }, instanceKey: true });

      const other = await h().project(owner, 'KEYS2');
      expect(await h().container.services.providerKeys.credentialFor(other, 'seedance')).toBe(INSTANCE_KEY);
      expect((await as(owner, { method: 'GET', url: `/api/v1/projects/${other}/provider-keys` })).json().providers[0]).toMatchObject({ inForce: { scope: 'instance', hint: '…ccdd' }, project: null });

      // Both answers name the key in force: the project's own, shown once; the instance's only by its hint.
      await as(owner, { method: 'DELETE', url: `/api/v1/projects/${other}/provider-keys/seedance` }).then((r) => expect(r.json().error.code).toBe('provider_key.not_found'));
      await as(admin, { method: 'DELETE', url: '/api/v1/admin/provider-keys/seedance' }).then((r) => expect(r.statusCode).toBe(200));
      await expect(h().container.services.providerKeys.credentialFor(other, 'seedance')).rejects.toMatchObject({ code: 'provider.key_missing' });
    });

    it('refuses bad input naming the field, and changes nothing', async () => {
      const spaced = await as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: 'sk-two words-here' } });
      expect(spaced.statusCode).toBe(400);
      expect(spaced.json().error).toMatchObject({ code: 'request.invalid' });
      expect(spaced.json().error.message).toContain('secret');
      const keyless = await as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/comfyui`, payload: { secret: 'sk-anything-12345' } });
      expect(keyless.statusCode).toBe(422);
      expect(keyless.json().error).toMatchObject({ code: 'provider.needs_no_key', field: 'provider' });
      const unknown = await as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/runway`, payload: { secret: 'sk-anything-12345' } });
      expect(unknown.json().error).toMatchObject({ code: 'provider.unknown', field: 'provider' });
      expect(await h().container.services.providerKeys.credentialFor(projectId, 'seedance')).toBe(CANARY);
    });

    it('takes dozens of keys set at once without a 500: one key in force, one of those sent, and the chain verifies', async () => {
      const secrets = Array.from({ length: 30 }, (_, i) => `sk-race-${String(i).padStart(2, '0')}-abcdefgh`);
      const results = await Promise.all(secrets.map((secret) => h().as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret } })));
      expect(results.map((r) => r.statusCode)).toEqual(secrets.map(() => 200));
      expect(secrets).toContain(await h().container.services.providerKeys.credentialFor(projectId, 'seedance'));
      expect((await h().container.store.read.providerKeys.list(projectId)).length).toBe(1);
      const verify = await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/audit/verify` });
      expect(verify.json()).toMatchObject({ ok: true });
      await as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: CANARY } });
    });

    it('the canary key appears nowhere in clear: answers, the log, the audit chain, every table', async () => {
      await as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/provider-keys/seedance/test` });
      const audit = await as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/audit` });
      expect(audit.body).toContain('…e1f0');
      const dump = await dumpDatabase(h);
      expect(dump).toContain('…e1f0'); // the dump is real: the key's row and its audit events are in it
      for (const [where, text] of [
        ['answers', answers.join('\n')],
        ['log', logText],
        ['database', dump],
      ] as const) {
        expect(text.includes(CANARY), `canary in ${where}`).toBe(false);
        expect(text.includes(CANARY.slice(3, 20)), `part of the canary in ${where}`).toBe(false);
      }
      expect(logText).toContain('provider-keys'); // the log did record these requests
    });
  },
  { env: { BACKLOT_SECRET_KEY: KEY_1 }, providers: [keyedProvider, keylessProvider], app: { logger } },
);

describeEachDatabase(
  'provider keys without the operator key',
  (h: H) => {
    it('refuses to store a key, telling the owner to ask for BACKLOT_SECRET_KEY, and lists nothing', async () => {
      const owner = await h().person('Olive Owner');
      const projectId = await h().project(owner, 'NOKEY');
      const set = await h().as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: CANARY } });
      expect(set.statusCode).toBe(409);
      expect(set.json().error.code).toBe('secrets.not_configured');
      expect(set.json().error.message).toContain('BACKLOT_SECRET_KEY');
      expect((await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/provider-keys` })).json()).toMatchObject({ sealing: false, providers: [{ inForce: null }] });
    });
  },
  { providers: [keyedProvider] },
);

describeEachDatabase(
  'starting with stored keys, and rotating the secret key',
  (h: H) => {
    /** Opens a second process's container on the same database with other settings. */
    async function start(env: Record<string, string>) {
      const t = h().testDb;
      const database = openDatabase(h().dialect === 'postgres' ? { url: t.url, sqlitePath: '' } : { sqlitePath: t.url });
      const config = loadConfig({ BACKLOT_DATA_DIR: t.dataDir, ...env });
      try {
        return await createContainer(config, { kind: 'command', database, providers: [keyedProvider] });
      } catch (err) {
        await database.close();
        throw err;
      }
    }

    it('refuses to start without the key the stored keys were sealed with, naming the setting', async () => {
      const owner = await h().person('Olive Owner');
      const projectId = await h().project(owner, 'ROT');
      await h().as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: CANARY, assetKey: ASSET_KEY } });
      const admin = await h().person('Admin', { admin: true });
      await h().as(admin, { method: 'PUT', url: '/api/v1/admin/provider-keys/seedance', payload: { secret: INSTANCE_KEY } });

      await expect(start({})).rejects.toThrow('BACKLOT_SECRET_KEY is not set, but 2 provider keys are stored sealed with it');
      await expect(start({ BACKLOT_SECRET_KEY: KEY_2 })).rejects.toThrow(
        /2 provider keys are sealed with secret key [0-9a-f]{12}, which is neither BACKLOT_SECRET_KEY nor in BACKLOT_SECRET_KEY_PREVIOUS/,
      );
    });

    it('re-seals every key with the new secret key, after which the old one is no longer needed', async () => {
      const rotating = await start({ BACKLOT_SECRET_KEY: KEY_2, BACKLOT_SECRET_KEY_PREVIOUS: KEY_1 });
      try {
        expect(await rotating.services.providerKeys.rotate({ accountId: null, name: 'Backlot' })).toEqual({ resealed: 2, already: 0 });
        expect(await rotating.services.providerKeys.rotate({ accountId: null, name: 'Backlot' })).toEqual({ resealed: 0, already: 2 });
      } finally {
        await rotating.close();
      }
      const after = await start({ BACKLOT_SECRET_KEY: KEY_2 });
      try {
        const [projectKey] = (await after.store.read.providerKeys.all()).filter((k) => k.scope !== 'instance');
        expect(await after.services.providerKeys.credentialFor(projectKey.projectId!, 'seedance')).toBe(CANARY);
        // The asset-library credential kept with it was re-sealed too.
        expect(await after.services.providerKeys.assetCredentialFor(projectKey.projectId!, 'seedance')).toEqual(ASSET_KEY);
        expect((await after.services.auditLog.verify('instance')).ok).toBe(true);
      } finally {
        await after.close();
      }
      await expect(start({ BACKLOT_SECRET_KEY: KEY_1 })).rejects.toThrow(/neither BACKLOT_SECRET_KEY/);
    });
  },
  { env: { BACKLOT_SECRET_KEY: KEY_1 }, providers: [keyedProvider] },
);
