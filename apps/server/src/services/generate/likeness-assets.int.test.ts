/**
 * Consented faces at Seedance end to end, on SQLite and PostgreSQL, against the fake ModelArk and
 * its asset library (PROVIDERS.md §1.3.2, §1.8): an owner sets the project's Seedance key with the
 * asset library's AK/SK; a likeness with valid consent is registered once — even when a dozen
 * generations ask at once — and sent as `asset://`, never as the picture; withdrawing the consent
 * deletes the asset at the provider and refuses the next generation before anything is reserved
 * or sent; so does an expiry passing (the worker's sweep notices it, nobody generating), and a
 * deletion the provider fails is retried and shown until it goes through. The fake refuses a face
 * sent inline as the real service does.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dumpDatabase } from '../../../test/database-dump.ts';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';
import { seedanceFakeEnv, startSeedanceFake, type SeedanceFake } from '../../../test/fakes/seedance.fake.ts';
import { makeTestMedia, multipart } from '../../../test/media.ts';
import { waitFor } from '../../../test/wait.ts';
import type { Clock } from '../../ports/clock.ts';

const ARK_KEY = 'ark-likeness-key-5e4d3c2b1a';
const ACCESS_KEY_ID = 'AKLTlikenessaccess0042';
const SECRET_ACCESS_KEY = 'c2VjcmV0LWFjY2Vzcy1rZXktZm9yLWFzc2V0cw==';
const MODEL = 'dreamina-seedance-2-0-260128';
const DAY = 86_400_000;
const media = makeTestMedia();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Pictures unlike the test media and each other, made with ffmpeg's test sources. */
const picture = (name: string, source: string) => {
  const file = join(media.dir, `${name}.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}=size=160x90:rate=24`, '-frames:v', '1', file]);
  return readFileSync(file);
};
const cleoPng = picture('cleo', 'testsrc2');
const mara2Png = picture('mara-2', 'smptebars');

/** Real time moved by an offset the test sets, so the worker's own waits keep working. */
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const day = (offsetDays: number) => new Date(clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);

let fake: SeedanceFake;
beforeAll(async () => {
  fake = await startSeedanceFake();
  fake.keys.add(ARK_KEY);
  fake.accessKeys.set(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
});
afterAll(() => fake.close());

interface ProviderAssetJson {
  provider: string;
  state: string;
  assetId: string | null;
  registeredAt: string | null;
  deletedAt: string | null;
  deleteAttempts: number;
  deleteError: string | null;
}

describeEachDatabase(
  'consented faces at Seedance',
  (h) => {
    let owner: Person, producer: Person, director: Person;
    let projectId = '';
    let pid = '';
    const url = (path: string) => `/api/v1/projects/${pid}${path}`;
    const generate = (shotId: string) => h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'seedance', model: MODEL, settings: { resolution: '720p' } } });
    const take = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json();
    const ended = (id: string) =>
      waitFor(
        () => take(id),
        (t) => ['succeeded', 'failed', 'canceled'].includes(t.status),
        60_000,
      );
    const consentOf = async (assetId: string, consentId: string) =>
      ((await h().as(producer, { method: 'GET', url: url(`/assets/${assetId}`) })).json().consents as { id: string; providerAssets: ProviderAssetJson[] }[]).find((c) => c.id === consentId)!;
    const audit = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=200') })).json().events as { action: string; summary: string }[];
    const ledger = () => h().container.store.read.ledger.totals(pid);
    const images = (body: { content: { image_url?: { url: string } }[] }) => body.content.flatMap((c) => (c.image_url ? [c.image_url.url] : []));
    const inlineShas = (body: { content: { image_url?: { url: string } }[] }) =>
      images(body)
        .filter((u) => u.startsWith('data:'))
        .map((u) => sha(Buffer.from(u.slice(u.indexOf(',') + 1), 'base64')));

    /** A cleared likeness with a picture and the person's consent until `expiresOn`, in a planned shot of its own. */
    const likenessShot = async (name: string, person: string, picture: [string, Buffer, string], expiresOn: string) => {
      const asset = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name, flags: ['likeness'] } })).json();
      const upload = multipart([['main', picture[0], picture[1], picture[2]]]);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
      expect((await h().as(producer, { method: 'POST', url: url(`/assets/${asset.id}/clearance`), payload: { clearance: 'cleared', reason: 'cast agreement' } })).statusCode).toBe(200);
      const form = multipart(
        [],
        [
          ['person', person],
          ['scope', 'Likeness in this production'],
          ['expiresOn', expiresOn],
        ],
      );
      const consent = await h().as(producer, { method: 'POST', url: url(`/assets/${asset.id}/consents`), headers: { 'content-type': form.contentType }, payload: form.body });
      expect(consent.statusCode, consent.body).toBe(201);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: `INT. STUDIO ${name} - DAY` } });
      const shot = (
        await h().as(director, {
          method: 'POST',
          url: url(`/scenes/${scene.json().id}/shots`),
          payload: {
            plan: { job: `Introduce ${name}`, subjectAction: `${name} turns to the camera.`, camera: { size: 'MCU', movement: 'static' }, reviewCriteria: ['Face readable'], targetFrames: 120 },
          },
        })
      ).json();
      const refs = await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${shot.id}/references`),
        payload: { references: [{ assetId: asset.id, version: 1, role: 'character' }], baseVersion: shot.planVersion },
      });
      expect(refs.statusCode, refs.body).toBe(200);
      return { assetId: asset.id as string, consentId: consent.json().id as string, shotId: shot.id as string };
    };

    let mara: { assetId: string; consentId: string; shotId: string };
    let maraAsset = '';
    let maraAsset2 = '';

    it('sets up a project whose Seedance key carries the asset library access key, and a consented likeness', async () => {
      // One fake serves both databases' runs: start each with an empty asset library.
      fake.assetCalls.length = 0;
      fake.assetDeletes.length = 0;
      fake.assets.clear();
      fake.faces.clear();
      [owner, producer, director] = await Promise.all(['Olga Owner', 'Pablo Producer', 'Dora Director'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'FACES', [
        [producer, 'producer'],
        [director, 'director'],
      ]);
      pid = projectId;
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'seedance', model: MODEL, unit: 'tokens', perQuantity: 1_000_000, priceMicros: 2_500_000, updatedAt: clock.now().toISOString() }),
      );
      const key = await h().as(owner, {
        method: 'PUT',
        url: url('/provider-keys/seedance'),
        payload: { secret: ARK_KEY, assetKey: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } },
      });
      expect(key.statusCode, key.body).toBe(200);
      expect(key.json()).toMatchObject({ hint: '…2b1a', assetKeyHint: '…0042' });
      expect(key.body).not.toContain(SECRET_ACCESS_KEY);
      // Sealed at rest like the key: neither the secret nor the whole access key id is in any table.
      const dump = await dumpDatabase(h);
      expect(dump.includes(SECRET_ACCESS_KEY)).toBe(false);
      expect(dump.includes(ACCESS_KEY_ID)).toBe(false);
      mara = await likenessShot('MARA', 'Mara Quinn', ['mara.png', media.png, 'image/png'], day(365));
      h().container.startWorker();
    });

    it('previews the likeness as an asset still to register, sending nothing', async () => {
      const preview = (
        await h().as(director, { method: 'POST', url: url(`/shots/${mara.shotId}/generate/preview`), payload: { provider: 'seedance', model: MODEL, settings: { resolution: '720p' } } })
      ).json();
      expect(preview.refusals).toEqual([]);
      expect(images(preview.request.body)).toEqual(['asset://(registered in the asset library when you generate)']);
      expect(fake.assetCalls).toEqual([]);
    });

    it('registers the face once when a dozen generations ask at once, and sends every take with asset:// and never the picture', async () => {
      const creates = fake.creates.length;
      const answers = await Promise.all(Array.from({ length: 12 }, () => generate(mara.shotId)));
      for (const a of answers) expect(a.statusCode, a.body).toBe(201);
      expect(fake.assetCalls.filter((c) => c.action === 'CreateAsset')).toHaveLength(1);
      expect(fake.assetCalls.filter((c) => c.action === 'CreateAssetGroup')).toHaveLength(1);
      expect(fake.assetCalls.every((c) => c.accessKeyId === ACCESS_KEY_ID)).toBe(true);
      maraAsset = [...fake.assets.keys()][0];
      expect(fake.assets.get(maraAsset)).toMatchObject({ status: 'Active', sha256: sha(media.png) });
      const ids = answers.map((a) => a.json().takes[0].id as string);
      for (const id of ids) {
        const t = await ended(id);
        expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
        expect(images(t.request.body)).toEqual([`asset://${maraAsset}`]);
      }
      const sent = fake.creates.slice(creates);
      expect(sent).toHaveLength(12);
      for (const body of sent) {
        expect(images(body as never)).toEqual([`asset://${maraAsset}`]);
        expect(inlineShas(body as never)).toEqual([]);
      }
      const consent = await consentOf(mara.assetId, mara.consentId);
      expect(consent.providerAssets).toEqual([expect.objectContaining({ provider: 'seedance', state: 'active', assetId: maraAsset, deletedAt: null, deleteAttempts: 0 })]);
      expect(consent.providerAssets[0].registeredAt).not.toBeNull();
      const registered = (await audit()).filter((e) => e.action === 'asset.likeness_registered');
      expect(registered).toHaveLength(1);
      expect(registered[0].summary).toContain(`Mara Quinn's likeness MARA in Seedance's asset library (asset ${maraAsset})`);
    });

    it('a new picture of the same person is a new asset in the same group, registered when a take first needs it', async () => {
      const upload = multipart([['main', 'mara-2.png', mara2Png, 'image/png']]);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${mara.assetId}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
      const shot = (await h().as(director, { method: 'GET', url: url(`/shots/${mara.shotId}`) })).json();
      const refs = await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${mara.shotId}/references`),
        payload: { references: [{ assetId: mara.assetId, version: 2, role: 'character' }], baseVersion: shot.planVersion },
      });
      expect(refs.statusCode, refs.body).toBe(200);
      const made = await generate(mara.shotId);
      expect(made.statusCode, made.body).toBe(201);
      expect((await ended(made.json().takes[0].id)).status).toBe('succeeded');
      expect(fake.assetCalls.filter((c) => c.action === 'CreateAsset')).toHaveLength(2);
      expect(fake.assetCalls.filter((c) => c.action === 'CreateAssetGroup')).toHaveLength(1);
      maraAsset2 = [...fake.assets.keys()].find((id) => id !== maraAsset)!;
      expect(fake.assets.get(maraAsset2)).toMatchObject({ status: 'Active', sha256: sha(mara2Png), groupId: fake.assets.get(maraAsset)!.groupId });
      expect(images(fake.creates.at(-1) as never)).toEqual([`asset://${maraAsset2}`]);
      expect((await consentOf(mara.assetId, mara.consentId)).providerAssets.map((p) => [p.assetId, p.state])).toEqual([
        [maraAsset, 'active'],
        [maraAsset2, 'active'],
      ]);
    });

    it('is faithful: the fake refuses the same face sent inline, as Seedance does', async () => {
      const res = await fetch(`${fake.baseUrl}/contents/generations/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ARK_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: MODEL,
          content: [
            { type: 'text', text: 'Mara turns.' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${media.png.toString('base64')}` }, role: 'reference_image' },
          ],
          duration: 5,
        }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('InputImageSensitiveContentDetected.PrivacyInformation');
    });

    it('withdrawing the consent deletes the asset at Seedance; a take queued before is not sent, and the next generation is refused before anything is reserved or sent', async () => {
      // A take queued before the withdrawal, held back by a 429 on its first send.
      const sentBefore = fake.creates.length;
      fake.failNextCreate({ status: 429, code: 'RateLimitExceeded.EndpointRPM' });
      const queued = (await generate(mara.shotId)).json().takes[0].id as string;
      await waitFor(
        () => h().container.store.read.takes.get(queued),
        (t) => t!.attempts === 1 && t!.status === 'queued' && t!.nextAttemptAt !== null,
      );
      clock.offsetMs -= 120_000; // its retry is not due until the withdrawal is on record
      const w = await h().as(producer, { method: 'POST', url: url(`/assets/${mara.assetId}/consents/${mara.consentId}/withdraw`), payload: { reason: 'Mara left the production' } });
      expect(w.statusCode, w.body).toBe(200);
      expect(fake.assetDeletes).toEqual([maraAsset, maraAsset2]);
      const shown = (w.json().consents as { id: string; providerAssets: ProviderAssetJson[] }[]).find((c) => c.id === mara.consentId)!;
      expect(shown.providerAssets).toEqual([
        expect.objectContaining({ state: 'deleted', assetId: maraAsset, deleteError: null }),
        expect.objectContaining({ state: 'deleted', assetId: maraAsset2, deleteError: null }),
      ]);
      expect(shown.providerAssets.every((p) => p.deletedAt !== null)).toBe(true);
      const deletions = (await audit()).filter((e) => e.action === 'asset.likeness_deleted').map((e) => e.summary);
      expect(deletions).toHaveLength(2);
      for (const id of [maraAsset, maraAsset2])
        expect(deletions.some((d) => d.includes(`Mara Quinn's likeness MARA from Seedance's asset library (asset ${id}): Mara Quinn withdrew consent on`))).toBe(true);

      clock.offsetMs += 120_000;
      const held = await ended(queued);
      expect(held.status).toBe('failed');
      expect(held.error).toMatchObject({ code: 'consent.asset_unavailable' });
      expect(held.error.message).toContain('Mara Quinn withdrew consent for MARA');
      expect(fake.creates.length).toBe(sentBefore);
      expect((await h().container.store.read.ledger.forTake(queued)).map((e) => [e.kind, e.amountMicros])).toEqual([
        ['reservation', 272_250],
        ['release', 272_250],
      ]);

      const before = await ledger();
      const creates = fake.creates.length;
      const calls = fake.assetCalls.length;
      const refused = await generate(mara.shotId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('consent.missing');
      expect(refused.json().error.message).toContain('Mara Quinn withdrew consent for MARA');
      expect(await ledger()).toEqual(before);
      expect(fake.creates.length).toBe(creates);
      expect(fake.assetCalls.length).toBe(calls);
    });

    it('an expiry passing is noticed by the worker with nobody generating: the asset is deleted (a failed delete retried and shown), and generation is refused', async () => {
      const expiry = day(2);
      const anna = await likenessShot('ANNA', 'Anna Berg', ['anna.jpg', media.jpeg, 'image/jpeg'], expiry);
      const made = await generate(anna.shotId);
      expect(made.statusCode, made.body).toBe(201);
      expect((await ended(made.json().takes[0].id)).status).toBe('succeeded');
      const annaAsset = (await consentOf(anna.assetId, anna.consentId)).providerAssets[0].assetId!;
      expect(fake.creates.at(-1)).toMatchObject({ content: [expect.anything(), { image_url: { url: `asset://${annaAsset}` } }] });

      fake.failNextAssetDeletes(1);
      clock.offsetMs += 3 * DAY;
      const failing = await waitFor(
        () => consentOf(anna.assetId, anna.consentId),
        (c) => c.providerAssets[0].deleteAttempts === 1,
        20_000,
      );
      expect(failing.providerAssets[0]).toMatchObject({ state: 'active', deletedAt: null });
      expect(failing.providerAssets[0].deleteError).toContain('InternalError');
      expect(fake.assetDeletes).not.toContain(annaAsset);
      expect((await audit()).find((e) => e.action === 'asset.likeness_delete_failed')?.summary).toContain('It keeps trying');

      // The retry is due 30 s later.
      clock.offsetMs += 31_000;
      const gone = await waitFor(
        () => consentOf(anna.assetId, anna.consentId),
        (c) => c.providerAssets[0].deletedAt !== null,
        20_000,
      );
      expect(gone.providerAssets[0]).toMatchObject({ state: 'deleted', deleteError: null });
      expect(fake.assetDeletes).toEqual([maraAsset, maraAsset2, annaAsset]);
      expect((await audit()).find((e) => e.action === 'asset.likeness_deleted' && e.summary.includes('ANNA'))?.summary).toContain(`Anna Berg's consent expired on ${expiry}`);

      const before = await ledger();
      const creates = fake.creates.length;
      const refused = await generate(anna.shotId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('consent.expired');
      expect(refused.json().error.message).toContain("Anna Berg's consent for ANNA expired");
      expect(await ledger()).toEqual(before);
      expect(fake.creates.length).toBe(creates);
    });

    it('refuses a likeness the provider would not register, and one with no asset access key set, sending and reserving nothing', async () => {
      fake.failNextAsset('The face does not match the person who passed the identity check.');
      const cleo = await likenessShot('CLEO', 'Cleo Park', ['cleo.png', cleoPng, 'image/png'], day(30));
      const before = await ledger();
      const creates = fake.creates.length;
      const refused = await generate(cleo.shotId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('consent.asset_unavailable');
      expect(refused.json().error.message).toContain("Seedance refused to register Cleo Park's likeness CLEO in its asset library: The face does not match the person who passed the identity check.");
      expect((await consentOf(cleo.assetId, cleo.consentId)).providerAssets).toEqual([
        expect.objectContaining({ state: 'failed', registeredAt: null, failure: 'The face does not match the person who passed the identity check.' }),
      ]);
      // Asked again, it is refused from the record, without sending the face a second time.
      const calls = fake.assetCalls.length;
      expect((await generate(cleo.shotId)).json().error.code).toBe('consent.asset_unavailable');
      expect(fake.assetCalls.length).toBe(calls);
      expect(await ledger()).toEqual(before);
      expect(fake.creates.length).toBe(creates);

      // Another project whose Seedance key was set without the asset library's access key.
      pid = await h().project(owner, 'NOAK', [
        [producer, 'producer'],
        [director, 'director'],
      ]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/seedance'), payload: { secret: ARK_KEY } })).json()).toMatchObject({ assetKeyHint: null });
      const dana = await likenessShot('DANA', 'Dana Roe', ['dana.png', cleoPng, 'image/png'], day(30));
      const noKey = await generate(dana.shotId);
      expect(noKey.statusCode).toBe(409);
      expect(noKey.json().error).toMatchObject({ code: 'consent.asset_unavailable', field: 'provider' });
      expect(noKey.json().error.message).toContain('no access key is set');
      expect(await ledger()).toEqual({ reserved: 0, settled: 0, released: 0 });
      expect(fake.creates.length).toBe(creates);
      expect(fake.assetCalls.length).toBe(calls);

      // With an access key the library does not accept, the refusal says what the library answered.
      await h().as(owner, { method: 'PUT', url: url('/provider-keys/seedance'), payload: { secret: ARK_KEY, assetKey: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: 'not-the-secret-access-key' } } });
      const badKey = await generate(dana.shotId);
      expect(badKey.statusCode).toBe(409);
      expect(badKey.json().error).toMatchObject({ code: 'consent.asset_unavailable', field: 'provider' });
      expect(badKey.json().error.message).toContain("Dana Roe's likeness DANA could not be registered in Seedance's asset library: the Seedance asset library answered SignatureDoesNotMatch");
      expect(badKey.body).not.toContain('not-the-secret-access-key');
      expect(await ledger()).toEqual({ reserved: 0, settled: 0, released: 0 });
      expect(fake.creates.length).toBe(creates);
      pid = projectId;
    });
  },
  {
    clock,
    env: seedanceFakeEnv(() => fake, { BACKLOT_LIKENESS_SWEEP_SECONDS: '1' }, 7),
  },
);
