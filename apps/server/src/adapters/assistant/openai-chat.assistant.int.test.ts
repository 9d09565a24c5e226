/** The OpenAI-compatible shot-list assistant against a fake chat-completions endpoint, and Backlot's fallback to its own drafts. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptAssistantDrafts, assistantFailed, type CoverageOutcome } from '../../domain/coverage/coverage.merge.ts';
import { draftCoverage, type CoverageScene } from '../../domain/coverage/coverage.rules.ts';
import type { CoverageAssistant } from '../../ports/coverage-assistant.ts';
import { COVERAGE_JSON_SCHEMA, createDisabledAssistant, createOpenAiChatAssistant, parseContent } from './openai-chat.assistant.ts';
import { startFakeChatServer, type FakeChatServer } from './openai-chat.fake-server.ts';

const KEY = 'sk-test-coverage';
const MODEL = 'coverage-model';
const TIMEOUT_MS = 400;

const patio: CoverageScene = {
  number: '1',
  heading: "EXT. BRICK'S PATIO - DAY",
  beat: 'Retirement is boring.',
  characters: ['BRICK', 'STEEL'],
  excerpt: ["EXT. BRICK'S PATIO - DAY", '', 'The SCREEN DOOR slides open and DICK STEEL emerges with two cold beers.', '', 'STEEL', "Beer's ready!", '', 'BRICK', 'Are they cold?'].join('\n'),
};

/** What the coverage service does: ask the assistant, validate, and fall back to the rules on any failure. */
async function draftWith(assistant: CoverageAssistant, scene: CoverageScene): Promise<CoverageOutcome> {
  const rules = draftCoverage(scene);
  try {
    return acceptAssistantDrafts(await assistant.draft(scene), rules);
  } catch (error) {
    return assistantFailed((error as Error).message, rules);
  }
}

describe('shot-list assistant over an OpenAI-compatible chat endpoint', () => {
  let fake: FakeChatServer;
  let assistant: CoverageAssistant;
  const rules = draftCoverage(patio);

  beforeAll(async () => {
    fake = await startFakeChatServer({ apiKey: KEY, slowMs: 3_000 });
    assistant = createOpenAiChatAssistant({ baseUrl: fake.baseUrl, model: MODEL, apiKey: KEY, timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.setMode('good');
    fake.setAnswer(null);
    fake.requests.length = 0;
  });

  it("takes a good answer as the assistant's drafts", async () => {
    const outcome = await draftWith(assistant, patio);
    expect(outcome.source).toBe('assistant');
    expect(outcome.notice).toBeNull();
    expect(outcome.drafts.map((d) => d.label)).toEqual(["Master — EXT. BRICK'S PATIO - DAY", 'Close-up — the look']);
    expect(outcome.drafts[0].plan.camera.size).toBe('WS');
  });

  it('sends the model, the scene text and a strict JSON-schema response format, with the key as a bearer token', async () => {
    await assistant.draft(patio);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe(`Bearer ${KEY}`);
    const body = request.body as { model: string; temperature: number; messages: { role: string; content: string }[]; response_format: any };
    expect(body.model).toBe(MODEL);
    expect(body.temperature).toBe(0);
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[0].content).toMatch(/first assistant director/);
    expect(body.messages[1].content).toContain('The SCREEN DOOR slides open');
    expect(body.messages[1].content).toContain("Scene 1: EXT. BRICK'S PATIO - DAY");
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'coverage', strict: true });
    expect(body.response_format.json_schema.schema).toEqual(COVERAGE_JSON_SCHEMA);
    const draftSchema = body.response_format.json_schema.schema.properties.drafts.items;
    expect(draftSchema.required).toEqual(['label', 'reason', 'plan']);
    expect(draftSchema.properties.plan.properties.camera.properties.size.anyOf[0].enum).toContain('MCU');
  });

  it('asks in a schema strict structured output accepts: every object closed, every property required, no defaults', () => {
    const walk = (node: any, path: string) => {
      if (!node || typeof node !== 'object') return;
      expect(node, path).not.toHaveProperty('default');
      expect(node, path).not.toHaveProperty('$schema');
      if (node.type === 'object') {
        expect(node.additionalProperties, path).toBe(false);
        expect([...node.required].sort(), path).toEqual(Object.keys(node.properties).sort());
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    walk(COVERAGE_JSON_SCHEMA, 'schema');
  });

  it('reads an answer a local model wrapped in a ```json fence', async () => {
    fake.setMode('fenced');
    const outcome = await draftWith(assistant, patio);
    expect(outcome.source).toBe('assistant');
    expect(outcome.drafts).toHaveLength(2);
  });

  it('falls back to the rules, naming the problem, when the answer is JSON but not a shot list', async () => {
    fake.setMode('nonsense');
    const outcome = await draftWith(assistant, patio);
    expect(outcome.source).toBe('rules');
    expect(outcome.drafts).toEqual(rules);
    expect(outcome.notice).toMatch(/^The shot-list assistant answered something that is not a shot list \(drafts\.0\.plan\.camera\.size: .+\); these are Backlot's own drafts\.$/);
  });

  it('falls back when the answer is an empty list or has extra fields', async () => {
    fake.setAnswer({ drafts: [] });
    expect((await draftWith(assistant, patio)).notice).toMatch(/not a shot list \(drafts: /);
    fake.setAnswer({ drafts: [{ ...rules[0], plan: { ...rules[0].plan, mood: 'sunny' } }] });
    expect((await draftWith(assistant, patio)).notice).toMatch(/not a shot list \(drafts\.0\.plan: .*mood/);
  });

  it('falls back when the content is not JSON', async () => {
    fake.setMode('invalid-json');
    await expect(assistant.draft(patio)).rejects.toThrow(/answered text that is not JSON: "Sure! For this scene/);
    const outcome = await draftWith(assistant, patio);
    expect(outcome).toMatchObject({ source: 'rules', drafts: rules });
    expect(outcome.notice).toMatch(/^The shot-list assistant could not draft this scene \(.*not JSON.*\); these are Backlot's own drafts\.$/);
  });

  it('falls back when the endpoint answers HTTP 500, quoting its message', async () => {
    fake.setMode('http-500');
    await expect(assistant.draft(patio)).rejects.toThrow(/\/v1\/chat\/completions answered HTTP 500: The server had an error/);
    expect(await draftWith(assistant, patio)).toMatchObject({ source: 'rules', drafts: rules });
  });

  it('gives up after the timeout and falls back', async () => {
    fake.setMode('slow');
    const started = Date.now();
    const outcome = await draftWith(assistant, patio);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(outcome.source).toBe('rules');
    expect(outcome.notice).toContain(`within ${TIMEOUT_MS} ms`);
  });

  it('reports a wrong key in the endpoint’s own words, without echoing the key', async () => {
    const wrong = createOpenAiChatAssistant({ baseUrl: fake.baseUrl, model: MODEL, apiKey: 'sk-wrong', timeoutMs: TIMEOUT_MS });
    const outcome = await draftWith(wrong, patio);
    expect(outcome.source).toBe('rules');
    expect(outcome.notice).toMatch(/HTTP 401: Incorrect API key provided/);
    expect(outcome.notice).not.toContain('sk-wrong');
  });

  it('says plainly when nothing listens at the configured address', async () => {
    const closed = await startFakeChatServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const unreachable = createOpenAiChatAssistant({ baseUrl, model: MODEL, timeoutMs: TIMEOUT_MS });
    await expect(unreachable.draft(patio)).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(ECONNREFUSED\)/);
  });

  it('the disabled assistant is not configured and never answers', async () => {
    const disabled = createDisabledAssistant();
    expect(disabled.configured).toBe(false);
    expect((await draftWith(disabled, patio)).notice).toMatch(/no shot-list assistant is configured/);
  });
});

describe('reading what a model wrote', () => {
  it.each([
    ['{"drafts":[]}', { drafts: [] }],
    ['```json\n{"drafts":[]}\n```', { drafts: [] }],
    ['```\n{"drafts":[]}\n```', { drafts: [] }],
    ['Here is the list:\n{"drafts":[]}\nEnjoy.', { drafts: [] }],
  ])('parses %j', (content, expected) => {
    expect(parseContent(content)).toEqual(expected);
  });

  it('refuses prose', () => {
    expect(() => parseContent('master, two-shot, singles')).toThrow(/not JSON/);
  });
});
