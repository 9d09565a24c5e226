/** A local stand-in for an OpenAI-compatible chat endpoint: speaks POST /v1/chat/completions, with switchable answers for tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers the next requests. */
export type FakeChatMode = 'good' | 'fenced' | 'nonsense' | 'invalid-json' | 'http-500' | 'slow';

/** A request as the fake received it. */
export interface FakeChatRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
}

/** A running fake: its address, what it received, and switches for how it answers. */
export interface FakeChatServer {
  /** The API root to configure, e.g. http://127.0.0.1:PORT/v1. */
  readonly baseUrl: string;
  readonly requests: FakeChatRequest[];
  setMode(mode: FakeChatMode): void;
  /** Replaces the JSON a good answer carries; null goes back to the built-in shot list. */
  setAnswer(answer: unknown): void;
  close(): Promise<void>;
}

/** The built-in good answer: a short shot list for the scene named on the user message's first line. */
function goodAnswer(userText: string): unknown {
  const heading = /^Scene [^:]*: (.*)$/m.exec(userText)?.[1] ?? 'THE SCENE';
  const plan = (size: string, job: string, criterion: string) => ({
    scenePurpose: 'What the assistant read as the point of the scene.',
    job,
    subjectAction: 'As scripted.',
    camera: { size, angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'normal', pace: 'measured' },
    environment: heading,
    constraints: { mustNotAppear: [], mustNotDrift: [] },
    reviewCriteria: [criterion],
    targetFrames: null,
    aspect: null,
  });
  return {
    drafts: [
      { label: `Master — ${heading}`, reason: 'The assistant wants the whole scene in one setup.', plan: plan('WS', 'Play the scene wide.', 'everyone visible') },
      { label: 'Close-up — the look', reason: 'The assistant wants the turn of the scene close.', plan: plan('CU', 'Catch the look.', 'face readable') },
    ],
  };
}

/** Valid JSON that is not a shot list: a shot size no crew uses. */
const NONSENSE = { drafts: [{ label: 'Wide', reason: 'because', plan: { camera: { size: 'GIANT' } } }] };

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, message: string, type: string, code: string | null, param: string | null = null) {
  send(res, status, { error: { message, type, param, code } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on 127.0.0.1 and a free port. With `apiKey` set it refuses any other bearer token, as the real service does. */
export async function startFakeChatServer(options: { apiKey?: string; slowMs?: number } = {}): Promise<FakeChatServer> {
  let mode: FakeChatMode = 'good';
  let answer: unknown = null;
  const requests: FakeChatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const slowMs = options.slowMs ?? 5_000;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown> | null = null;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? null, body });

    if (req.method !== 'POST' || path !== '/v1/chat/completions') return apiError(res, 404, `Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url');
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return apiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    }
    if (!body) return apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    if (typeof body.model !== 'string' || !body.model) return apiError(res, 400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
    const messages = body.messages as { role?: string; content?: string }[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0) return apiError(res, 400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
    const userText = messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content ?? '')
      .join('\n');

    if (mode === 'http-500') return apiError(res, 500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
    const good = JSON.stringify(answer ?? goodAnswer(userText));
    const content = {
      good,
      fenced: `\`\`\`json\n${good}\n\`\`\``,
      nonsense: JSON.stringify(NONSENSE),
      'invalid-json': 'Sure! For this scene I would shoot a master, then singles on each character, then an insert.',
      slow: good,
    }[mode];
    const completion = {
      id: `chatcmpl-fake${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((raw.length + content.length) / 4) },
    };
    if (mode !== 'slow') return send(res, 200, completion);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, 200, completion);
    }, slowMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode(next) {
      mode = next;
    },
    setAnswer(next) {
      answer = next;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
