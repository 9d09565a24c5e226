/** The one typed client the web UI, the CLI and scripts use to talk to a Backlot server. */
import type { z } from 'zod';
import { endpoints, type EndpointName, type Endpoints } from './endpoints.ts';

type Infer<T> = T extends z.ZodType ? z.output<T> : never;
type InputOf<T> = T extends z.ZodType ? z.input<T> : never;

/** What a call takes: the params, query and body its endpoint declares. */
export type CallInput<N extends EndpointName> = (Endpoints[N] extends { params: infer P } ? { params: InputOf<P> } : { params?: undefined }) &
  (Endpoints[N] extends { query: infer Q } ? { query?: Partial<InputOf<Q>> } : { query?: undefined }) &
  (Endpoints[N] extends { body: infer B } ? { body: InputOf<B> } : { body?: undefined });

/** What a call answers. */
export type CallOutput<N extends EndpointName> = Infer<Endpoints[N]['response']>;

/** An error answer from the server, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    /** Every field at fault and what is wrong with it, when the server names several (`field` is the first). */
    readonly problems?: readonly { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** Server origin, e.g. http://127.0.0.1:4100; empty for same-origin in the browser. */
  baseUrl?: string;
  /** A personal API token, sent as `Authorization: Bearer`. Without it the browser's session cookie is used. */
  token?: string;
  fetch?: typeof fetch;
}

export type Client = { [N in EndpointName]: (input?: CallInput<N>) => Promise<CallOutput<N>> } & {
  call<N extends EndpointName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>>;
};

/** Fills `:name` parameters of a path. */
export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(String(value));
  });
}

/** Creates a client for one server and one credential. */
export function createClient(options: ClientOptions = {}): Client {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = (options.baseUrl ?? '').replace(/\/$/, '');

  async function call<N extends EndpointName>(name: N, input: CallInput<N> = {} as CallInput<N>): Promise<CallOutput<N>> {
    const e = endpoints[name];
    const { params, query, body } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    let url = `${base}/api/v1${buildPath(e.path, params)}`;
    if (query) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
      const qs = search.toString();
      if (qs) url += `?${qs}`;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const hasBody = 'body' in e && e.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    const res = await doFetch(url, {
      method: e.method,
      headers,
      body: hasBody ? JSON.stringify(body ?? {}) : undefined,
      credentials: options.token ? 'omit' : 'same-origin',
    });
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(res.status, 'internal', `The server answered ${res.status} with something that is not JSON`);
    }
    if (!res.ok) {
      const err = (data as { error?: { code?: string; message?: string; field?: string; requestId?: string; problems?: { field: string; message: string }[] } })?.error;
      throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `HTTP ${res.status}`, err?.field, err?.requestId, Array.isArray(err?.problems) ? err.problems : undefined);
    }
    return data as CallOutput<N>;
  }

  const client = { call } as Client;
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    (client as unknown as Record<string, unknown>)[name] = (input?: CallInput<typeof name>) => call(name, input);
  }
  return client;
}

/**
 * Follows a paged list to its end, so a large project is never cut off: asks for the first page,
 * then for each page the server names in `next`.
 */
export async function followPages<P extends { next: number | null }>(page: (offset: number) => Promise<P>): Promise<P[]> {
  const pages = [await page(0)];
  let offset = 0;
  for (let next = pages[0].next; next !== null; next = pages[pages.length - 1].next) {
    // A page that does not move forward would be asked for again and again.
    if (next <= offset) throw new Error(`The server named page ${next} after page ${offset}; the list cannot be followed.`);
    offset = next;
    pages.push(await page(next));
  }
  return pages;
}

/** A dailies session's playlist built as one review movie (`GET …/dailies/:sessionId/movie`). */
export interface ReviewMovie {
  sha256: string;
  size: number;
  totalFrames: number;
  fileName: string;
}

/**
 * Reads the review movie's build as the server streams it, one JSON object per line:
 * `{"progress": 0…1}` as it goes, then `{"movie": …}` or `{"error": {code, message}}`.
 * Each progress is told to `onProgress`; an error line (or a stream that ends without the movie)
 * is thrown as an ApiError, so the web UI and the CLI say the same thing.
 */
export async function readMovieBuild(body: ReadableStream<Uint8Array>, onProgress: (fraction: number) => void): Promise<ReviewMovie> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = rest.split('\n');
      rest = done ? '' : lines.pop()!;
      for (const line of lines.filter((l) => l.trim() !== '')) {
        const message = JSON.parse(line) as { progress?: number; movie?: ReviewMovie; error?: { code: string; message: string } };
        if (message.progress !== undefined) onProgress(message.progress);
        if (message.error) throw new ApiError(500, message.error.code, message.error.message);
        if (message.movie) return message.movie;
      }
      if (done) break;
    }
  } finally {
    reader.releaseLock();
  }
  throw new ApiError(500, 'internal', 'The server stopped before the movie was built.');
}
