/**
 * A long action answered as NDJSON lines: `{"progress"}` as it goes, then `{[doneKey]: result}` or
 * `{"error"}`. Before the first line an error is answered as any other (status and error body);
 * after it, as the last line, since the status is already sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export async function answerWithProgress<P, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  doneKey: string,
  run: (onProgress: (progress: P) => void) => Promise<R>,
  failed: { log: string; message: string },
): Promise<void> {
  let streaming = false;
  const line = (value: unknown) => reply.raw.write(`${JSON.stringify(value)}\n`);
  const start = () => {
    if (streaming) return;
    streaming = true;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
  };
  try {
    const result = await run((progress) => {
      start();
      line({ progress });
    });
    start();
    line({ [doneKey]: result });
  } catch (err) {
    if (!streaming) throw err;
    const e = err as { code?: string; message?: string };
    request.log.error({ err }, failed.log);
    line({ error: { code: e.code ?? 'internal', message: e.code ? (e.message ?? '') : failed.message } });
  }
  reply.raw.end();
}
