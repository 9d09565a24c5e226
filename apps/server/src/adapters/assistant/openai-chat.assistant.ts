/** Shot-list assistant over any OpenAI-compatible chat-completions endpoint (hosted or a local model server), answering in a fixed JSON schema. */
import { z } from 'zod';
import { AssistantAnswer } from '../../domain/coverage/coverage.merge.ts';
import type { CoverageScene } from '../../domain/coverage/coverage.rules.ts';
import type { CoverageAssistant } from '../../ports/coverage-assistant.ts';

/** Where the endpoint is and which model answers. */
export interface OpenAiChatOptions {
  /** The API root, e.g. "https://api.openai.com/v1" or "http://127.0.0.1:8080/v1". */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** Keywords strict structured output refuses; length limits are checked again when the answer is validated. */
const UNSUPPORTED = new Set(['$schema', 'default', 'minLength', 'maxLength']);

function stripUnsupported(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripUnsupported);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !UNSUPPORTED.has(key))
      .map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripUnsupported(v)])) : stripUnsupported(value)]),
  );
}

/**
 * The JSON schema of `{ drafts: CoverageDraft[] }`, derived from the contracts. Output mode makes every
 * field with a default required and every object closed, which is what strict structured output asks for.
 */
export const COVERAGE_JSON_SCHEMA = stripUnsupported(z.toJSONSchema(AssistantAnswer, { io: 'output' })) as Record<string, unknown>;

/** What the model is told: block coverage as a first AD would, and answer only in the shot-list schema. */
export const SYSTEM_PROMPT = [
  'You are the first assistant director on a film. Given one scene, you block its coverage: the shot list a crew would shoot.',
  'Cover it the way a first AD would: an establishing shot (exteriors) or a master first; a two-shot where two characters share the scene;',
  'a single for each speaking character and an over-the-shoulder pair for each two who talk to each other; inserts for props the action names.',
  'Never make a character an insert. Keep every shot useful: a clear job, who does what, the camera, and at least one review criterion.',
  'Answer only JSON: {"drafts": [...]}, each draft {label, reason, plan}. label reads like "Single — BRICK"; reason is why a first AD wants the shot.',
  'plan has scenePurpose, job, subjectAction, camera {size, angle, height, movement, lensFeel, pace} (use only the listed values),',
  'environment (from the heading: interior or exterior, location, time of day), constraints {mustNotAppear, mustNotDrift} (lists of short phrases),',
  'reviewCriteria (short checks such as "both faces readable" or "eyeline matches the reverse"), targetFrames null and aspect null.',
].join('\n');

/** The scene as the user message: heading, beat, cast and the Fountain text. */
export function sceneMessage(scene: CoverageScene): string {
  return [
    `Scene ${scene.number}: ${scene.heading}`,
    `Beat: ${scene.beat || '(none given)'}`,
    `Characters: ${scene.characters.length ? scene.characters.join(', ') : '(read them from the cues)'}`,
    '',
    'Script (Fountain):',
    scene.excerpt,
  ].join('\n');
}

/** The endpoint without credentials or a query, safe to name in an error. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the configured endpoint';
  }
}

/** The model's text as JSON; a ```json fence or a sentence around the object, as local models sometimes add, is dropped. */
export function parseContent(content: string): unknown {
  const fenced = /^\s*```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```\s*$/.exec(content);
  const text = (fenced ? fenced[1] : content).trim();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(text.slice(start, end + 1));
      } catch {
        // fall through to the error below
      }
    }
  }
  const sample = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  throw new Error(`answered text that is not JSON: ${JSON.stringify(sample)}`);
}

/** The error message an OpenAI-compatible server put in its body, if any. */
async function errorMessageOf(response: Response): Promise<string> {
  const body = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON; use the text
  }
  return body.trim().slice(0, 200) || response.statusText;
}

const ChatCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }) })).min(1),
});

/** A shot-list assistant that asks an OpenAI-compatible chat endpoint for a coverage draft. */
export function createOpenAiChatAssistant(options: OpenAiChatOptions): CoverageAssistant {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const where = shown(url);
  return {
    configured: true,
    async draft(scene) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      const body = {
        model: options.model,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: sceneMessage(scene) },
        ],
        temperature: 0,
        response_format: { type: 'json_schema', json_schema: { name: 'coverage', strict: true, schema: COVERAGE_JSON_SCHEMA } },
      };
      let payload: unknown;
      try {
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs) });
        if (!response.ok) throw new Error(`${where} answered HTTP ${response.status}: ${await errorMessageOf(response)}`);
        payload = await response.json().catch(() => {
          throw new Error(`${where} answered a body that is not JSON`);
        });
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new Error(`no answer from ${where} within ${options.timeoutMs} ms`);
        if (error instanceof TypeError) {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          throw new Error(`could not reach ${where} (${cause?.code ?? cause?.message ?? error.message})`);
        }
        throw error;
      }
      const completion = ChatCompletion.safeParse(payload);
      if (!completion.success) throw new Error(`${where} answered something that is not a chat completion`);
      const { content, refusal } = completion.data.choices[0].message;
      if (refusal) throw new Error(`declined: ${refusal}`);
      if (!content) throw new Error(`${where} answered an empty message`);
      return parseContent(content);
    },
  };
}

/** The assistant when no endpoint is configured: coverage comes from Backlot's own rules. */
export function createDisabledAssistant(): CoverageAssistant {
  return {
    configured: false,
    async draft() {
      throw new Error('no shot-list assistant is configured on this server');
    },
  };
}
