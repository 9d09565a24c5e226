/**
 * ComfyUI workflows through the API, on SQLite and PostgreSQL (issue 18): a project's workflow
 * started from the shipped sample, its mapping edited in versions and checked against the graph
 * (a node or input that does not exist is refused naming the field, and nothing changes), saves
 * at once from one version, and a take generated with the workflow as its model against the fake
 * ComfyUI server, its progress shown while it runs.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { comfyFakeEnv, startComfyFake, type ComfyFake } from '../../test/fakes/comfyui.fake.ts';
import { waitFor } from '../../test/wait.ts';
import { beforeAll, afterAll } from 'vitest';

let fake: ComfyFake;
beforeAll(async () => {
  fake = await startComfyFake();
});
afterAll(() => fake.close());

describeEachDatabase(
  'ComfyUI workflows',
  (h) => {
    let owner: Person;
    let director: Person;
    let projectId = '';
    let shotId = '';
    let workflowId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

    it('sets up a project with a planned shot, a director and the worker', async () => {
      owner = await h().person('Olga Owner');
      director = await h().person('Dora Director');
      projectId = await h().project(owner, 'COMFY', [[director, 'director']]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - DAWN' } });
      const shot = await h().as(owner, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: { plan: { job: 'Establish the pier', subjectAction: 'A gull lands on the rail.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Gull readable'], targetFrames: 48 } },
      });
      expect(shot.statusCode, shot.body).toBe(201);
      shotId = shot.json().id;
      h().container.startWorker();
    });

    it('starts a workflow from the shipped sample: version 1 with its nodes and mapping, listed as a model', async () => {
      const r = await h().as(director, { method: 'POST', url: url('/comfyui/workflows'), payload: { name: 'Pier t2v' } });
      expect(r.statusCode, r.body).toBe(201);
      const w = r.json();
      workflowId = w.id;
      expect(w).toMatchObject({ name: 'Pier t2v', model: w.id, currentVersion: 1, versions: [{ version: 1, createdBy: 'Dora Director' }] });
      expect(w.current.mapping.inputs.prompt).toEqual({ node: '6', input: 'text' });
      expect(w.current.nodes.find((n: { id: string }) => n.id === '3a')).toMatchObject({ classType: 'KSampler', title: 'KSampler' });
      const list = await h().as(owner, { method: 'GET', url: url('/comfyui/workflows') });
      expect(list.json()).toMatchObject({ configured: true, workflows: [{ id: w.id, name: 'Pier t2v', currentVersion: 1 }] });
      const models = await h().as(owner, { method: 'GET', url: url('/models') });
      expect(
        models
          .json()
          .models.filter((m: { provider: string }) => m.provider === 'comfyui')
          .map((m: { model: string; label: string }) => [m.model, m.label]),
      ).toEqual([
        ['sample-text-to-video', 'ComfyUI sample text-to-video'],
        [w.id, 'ComfyUI Pier t2v (v1)'],
      ]);
    });

    it('refuses a mapping to a node the workflow does not have, naming the field, and keeps the version', async () => {
      const current = (await h().as(owner, { method: 'GET', url: url(`/comfyui/workflows/${workflowId}`) })).json().current;
      const mapping = { ...current.mapping, inputs: { ...current.mapping.inputs, seed: { node: '99', input: 'seed' } } };
      const r = await h().as(director, { method: 'POST', url: url(`/comfyui/workflows/${workflowId}/versions`), payload: { mapping, baseVersion: 1 } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'workflow.invalid', field: 'mapping.inputs.seed.node' });
      expect(r.json().error.message).toContain('the workflow has no node 99');
      const bad = await h().as(director, {
        method: 'POST',
        url: url(`/comfyui/workflows/${workflowId}/versions`),
        payload: { mapping: { ...current.mapping, inputs: { ...current.mapping.inputs, seed: { node: '3a', input: 'noise_seed' } } }, baseVersion: 1 },
      });
      expect(bad.json().error).toMatchObject({ code: 'workflow.invalid', field: 'mapping.inputs.seed.input' });
      expect((await h().as(owner, { method: 'GET', url: url(`/comfyui/workflows/${workflowId}`) })).json().currentVersion).toBe(1);
    });

    it('refuses a workflow in the editor format and a mapping without its graph, creating nothing', async () => {
      const ui = await h().as(owner, {
        method: 'POST',
        url: url('/comfyui/workflows'),
        payload: { name: 'UI', workflow: JSON.stringify({ nodes: [], links: [] }), mapping: { fps: 16, inputs: { prompt: { node: '1', input: 'text' } } } },
      });
      expect(ui.json().error).toMatchObject({ code: 'workflow.invalid', field: 'workflow' });
      const notJson = await h().as(owner, {
        method: 'POST',
        url: url('/comfyui/workflows'),
        payload: { name: 'Broken', workflow: '{"3": {', mapping: { fps: 16, inputs: { prompt: { node: '3', input: 'text' } } } },
      });
      expect(notJson.json().error).toMatchObject({ code: 'workflow.invalid', field: 'workflow' });
      const half = await h().as(owner, { method: 'POST', url: url('/comfyui/workflows'), payload: { name: 'Half', mapping: { fps: 16, inputs: {} } } });
      expect(half.statusCode).toBe(400);
      expect((await h().as(owner, { method: 'GET', url: url('/comfyui/workflows') })).json().workflows).toHaveLength(1);
      const dup = await h().as(owner, { method: 'POST', url: url('/comfyui/workflows'), payload: { name: 'Pier t2v' } });
      expect(dup.json().error).toMatchObject({ code: 'workflow.name_taken', field: 'name' });
    });

    it('saves a mapping change as version 2; version 1 stays as it was', async () => {
      const current = (await h().as(owner, { method: 'GET', url: url(`/comfyui/workflows/${workflowId}`) })).json().current;
      const { negativePrompt: _dropped, ...inputs } = current.mapping.inputs;
      const r = await h().as(director, {
        method: 'POST',
        url: url(`/comfyui/workflows/${workflowId}/versions`),
        payload: { mapping: { fps: 24, inputs }, baseVersion: 1, note: 'No negative; 24 fps' },
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ currentVersion: 2, versions: [{ version: 2, note: 'No negative; 24 fps' }, { version: 1 }] });
      expect(r.json().current.mapping.fps).toBe(24);
      expect(r.json().current.mapping.inputs.negativePrompt).toBeUndefined();
      const v1 = await h().container.store.read.comfyWorkflows.version(workflowId, 1);
      expect(v1?.mapping.fps).toBe(16);
    });

    it('of dozens of saves made at once from the same version, one is kept and the rest are refused as stale, none a server error', async () => {
      const current = (await h().as(owner, { method: 'GET', url: url(`/comfyui/workflows/${workflowId}`) })).json().current;
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          h().as(i % 2 ? owner : director, { method: 'POST', url: url(`/comfyui/workflows/${workflowId}/versions`), payload: { mapping: { ...current.mapping, fps: 10 + i }, baseVersion: 2 } }),
        ),
      );
      const codes = answers.map((a) => a.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(23);
      const w = (await h().as(owner, { method: 'GET', url: url(`/comfyui/workflows/${workflowId}`) })).json();
      expect(w.currentVersion).toBe(3);
      expect(w.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    });

    it("prices the workflow in the project's catalog: listed there and set per GPU-second", async () => {
      const catalog = (await h().as(owner, { method: 'GET', url: url('/prices') })).json();
      const line = catalog.lines.find((l: { model: string }) => l.model === workflowId);
      // Unset here, the operator's rate (BACKLOT_COMFYUI_GPU_SECOND_PRICE) is 0: ComfyUI takes are free.
      expect(line).toMatchObject({ provider: 'comfyui', label: 'ComfyUI Pier t2v (v3)', inForce: { origin: 'list', price: '0.00' } });
      const set = await h().as(owner, {
        method: 'POST',
        url: url('/prices'),
        payload: { provider: 'comfyui', model: workflowId, unit: 'gpu_seconds', perQuantity: 1, price: '0.001', source: 'Our render box: power and wear' },
      });
      expect(set.statusCode, set.body).toBe(201);
    });

    it('generates a take with the workflow as its model: the mapped inputs filled, progress shown while it runs, the video ingested', async () => {
      fake.runMs = 2_500;
      try {
        const r = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'comfyui', model: workflowId, settings: { resolution: '480p', seed: 1234 } } });
        expect(r.statusCode, r.body).toBe(201);
        const id = r.json().takes[0].id;
        // Live: the take shows the socket's progress while ComfyUI runs it.
        const running = await waitFor(
          async () => (await h().as(owner, { method: 'GET', url: url(`/takes/${id}`) })).json(),
          (t) => t.status === 'running' && t.progress > 0,
          30_000,
        );
        expect(running.progress).toBeLessThan(1);
        const t = await waitFor(
          async () => (await h().as(owner, { method: 'GET', url: url(`/takes/${id}`) })).json(),
          (x) => ['succeeded', 'failed', 'canceled'].includes(x.status),
          60_000,
        );
        expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
        const sent = fake.prompts.get(id)!.prompt;
        // Version 3's mapping: 48 frames at 24 fps are 2 s; fps is the winner of the saves above.
        const v3 = await h().container.store.read.comfyWorkflows.version(workflowId, 3);
        expect(sent['3a'].inputs.seed).toBe(1234);
        expect(sent['40'].inputs).toMatchObject({ length: 2 * v3!.mapping.fps });
        expect(String(sent['6'].inputs.text)).toContain('A gull lands on the rail.');
        expect(sent['7'].inputs.text).toBe('blurry, distorted, static, watermark, text');
        expect(t.media).toBeTruthy();
        // 2 s × 60 GPU-seconds per second = 120 GPU-seconds reserved at 0.001 a second; the fake reports 300 s used.
        expect(t.cost).toMatchObject({ estimated: '0.12', actual: '0.30', detail: '2 s × 60 GPU-seconds per second of video = 120 GPU-seconds' });
      } finally {
        fake.runMs = 400;
      }
    });
  },
  { env: comfyFakeEnv(() => fake) },
);
