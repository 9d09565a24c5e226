/** Coverage drafts over HTTP: the rules by default; the assistant through a chat-completions endpoint, falling back with a notice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatServer, type FakeChatServer } from '../adapters/assistant/openai-chat.fake-server.ts';
import { createHarness, type Harness } from '../../test/harness.ts';

const SCENE = `INT. DINER - DAY

MAVIS slides a COFFEE POT across the counter to JOE.

MAVIS
You again.

JOE
Me again.
`;

describe('drafting coverage', () => {
  let fake: FakeChatServer;
  let h: Harness;
  let plain: Harness;
  beforeAll(async () => {
    fake = await startFakeChatServer({ apiKey: 'sk-test' });
    h = await createHarness('sqlite', {
      env: { BACKLOT_ASSISTANT_URL: fake.baseUrl, BACKLOT_ASSISTANT_MODEL: 'coverage-model', BACKLOT_ASSISTANT_KEY: 'sk-test', BACKLOT_ASSISTANT_TIMEOUT_SECONDS: '2' },
    });
    plain = await createHarness('sqlite');
  });
  afterAll(async () => {
    for (const x of [h, plain].filter(Boolean)) {
      await x.app.close();
      await x.testDb.drop();
    }
    await fake.close();
  });

  async function scene(x: Harness) {
    const owner = await x.person('Dee');
    const projectId = await x.project(owner, 'DINER');
    await x.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/import/fountain`, payload: { text: SCENE } });
    const [s] = (await x.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/scenes` })).json().scenes;
    return { owner, url: `/api/v1/projects/${projectId}/scenes/${s.id}/coverage`, projectId };
  }

  it('drafts a master, a two-shot, singles and an insert by the rules, saving nothing', async () => {
    const { owner, url, projectId } = await scene(plain);
    const r = await plain.as(owner, { method: 'POST', url, payload: {} });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.source).toBe('rules');
    const labels: string[] = body.drafts.map((d: { label: string }) => d.label);
    expect(labels[0]).toMatch(/^Master/);
    expect(labels).toEqual(expect.arrayContaining(['Two-shot — MAVIS and JOE', 'Single — MAVIS', 'Single — JOE', 'Insert — COFFEE POT']));
    expect((await plain.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/shots` })).json().shots).toEqual([]);
    const asked = await plain.as(owner, { method: 'POST', url, payload: { useAssistant: true } });
    expect(asked.json().notice).toMatch(/not set up on this server/);
  });

  it("uses the assistant's drafts when it answers a valid shot list", async () => {
    fake.setMode('good');
    const { owner, url } = await scene(h);
    const r = (await h.as(owner, { method: 'POST', url, payload: { useAssistant: true } })).json();
    expect(r.source).toBe('assistant');
    expect(r.notice).toBeNull();
    const request = fake.requests.at(-1)!;
    expect(request.body!.model).toBe('coverage-model');
    expect(JSON.stringify(request.body!.messages)).toContain('You again.');
  });

  it.each(['nonsense', 'invalid-json', 'http-500', 'slow'] as const)('falls back to the rules with a notice when the assistant answers %s', async (mode) => {
    fake.setMode(mode);
    const owner = await h.person(`Ed ${mode}`);
    const projectId = await h.project(owner, `D${mode.replace(/\W/g, '').slice(0, 6).toUpperCase()}`);
    await h.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/import/fountain`, payload: { text: SCENE } });
    const [s] = (await h.as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/scenes` })).json().scenes;
    const r = (await h.as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/scenes/${s.id}/coverage`, payload: { useAssistant: true } })).json();
    expect(r.source).toBe('rules');
    expect(r.notice).toMatch(/shot-list assistant/);
    expect(r.drafts.length).toBeGreaterThan(3);
  });
});
