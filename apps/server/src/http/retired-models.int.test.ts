/**
 * Models come and go (issue 17): a model the operator retires (BACKLOT_RETIRED_MODELS) is still
 * listed, marked retired and unavailable, and a new take on it is refused with the model named,
 * nothing created or reserved; the provider's other models are untouched.
 */
import { expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

describeEachDatabase(
  'retired models',
  (h) => {
    let owner: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

    it('sets up a project with a Kling key and a shot', async () => {
      owner = await h().person('Rita Owner');
      const p = await h().container.services.projects.create(
        { accountId: owner.id, name: owner.name },
        { name: 'Retired', code: 'RET', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '1000' },
      );
      projectId = p.id;
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/kling'), payload: { secret: 'AK-retired:SK-retired-secret' } })).statusCode).toBe(200);
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. DEPOT - NIGHT' } });
      const shot = await h().as(owner, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: { plan: { job: 'A bus pulls in', subjectAction: 'The bus stops.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Bus readable'], targetFrames: 120 } },
      });
      expect(shot.statusCode, shot.body).toBe(201);
      shotId = shot.json().id;
    });

    it('lists the retired model marked retired and unavailable, the others as before', async () => {
      const models = (await h().as(owner, { method: 'GET', url: url('/models') })).json().models as Array<{ provider: string; model: string; available: boolean; retired?: boolean }>;
      expect(models.find((m) => m.model === 'kling-v1-6')).toMatchObject({ provider: 'kling', available: false, retired: true });
      const current = models.find((m) => m.model === 'kling-v2-6')!;
      expect(current.available).toBe(true);
      expect(current.retired).toBeUndefined();
    });

    it('refuses a new take on it, naming the model, and creates and reserves nothing', async () => {
      const r = await h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'kling', model: 'kling-v1-6' } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'model.retired',
        field: 'model',
        message: 'model: Kling 1.6 has been retired on this Backlot; takes made with it keep their record. Choose another model.',
      });
      expect(await h().container.store.read.takes.listForShot(shotId)).toEqual([]);
      expect(await h().container.store.read.ledger.totals(projectId)).toEqual({ reserved: 0, settled: 0, released: 0 });
    });
  },
  { env: { BACKLOT_SECRET_KEY: Buffer.alloc(32, 17).toString('base64'), BACKLOT_RETIRED_MODELS: 'kling:kling-v1-6' } },
);

it('names a retired model given without its provider', () => {
  expect(() => loadConfig({ BACKLOT_RETIRED_MODELS: 'kling-v1-6' })).toThrow(/BACKLOT_RETIRED_MODELS.*provider:model pairs/);
});
