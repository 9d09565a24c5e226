/** Answers with a stored file, whole or one byte range (so video seeks without downloading it all); the caller has checked who may see it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../container.ts';

export async function sendBlob(services: Services, request: FastifyRequest, reply: FastifyReply, sha256: string, size: number) {
  reply.header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=31536000, immutable').header('etag', `"${sha256}"`);
  const type = await services.media.typeOf(sha256);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    let end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (!range[1]) end = size - 1;
    if (start >= size || start > end) {
      return reply
        .status(416)
        .header('content-range', `bytes */${size}`)
        .send({ error: { code: 'request.invalid', message: 'That byte range is outside the file.' } });
    }
    start = Math.max(0, start);
    reply
      .type(type)
      .status(206)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', end - start + 1);
    return reply.send(await services.media.open(sha256, { start, end }));
  }
  reply.type(type).header('content-length', size);
  return reply.send(await services.media.open(sha256));
}
