/** Reads a multipart request: each file part is staged (streamed to a temporary file, size-limited), fields kept as text. */
import { toStoredText } from '@backlot/contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError, fail } from '../domain/errors.ts';
import type { StagedFile, Staging } from '../ports/staging.ts';

/** What one multipart request may carry (besides each file's size, which the caller limits). */
export const UPLOAD_LIMITS = { files: 12, fields: 20, fieldSize: 64 * 1024 };

/** Errors of a body that stopped arriving: the client went away or sent less than it announced. */
const CUT_SHORT = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'ECONNABORTED']);

/** The refusal for a multipart error a client can fix, or undefined for one that is not theirs. */
function refusalOf(err: unknown, request: FastifyRequest): DomainError | undefined {
  if (err instanceof DomainError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_FILES_LIMIT') return new DomainError('request.invalid', `file: at most ${UPLOAD_LIMITS.files} files in one upload`, 'file');
  if (code === 'FST_FIELDS_LIMIT') return new DomainError('request.invalid', `fields: at most ${UPLOAD_LIMITS.fields} fields in one upload`, 'fields');
  if (CUT_SHORT.has(code) || request.raw.readableAborted || /unexpected end of (form|multipart)/i.test((err as Error).message ?? '')) {
    return new DomainError('request.invalid', 'file: the upload ended before its body was complete; send it again', 'file');
  }
  return undefined;
}

export async function readStagedMultipart(request: FastifyRequest, staging: Staging, maxBytes: number) {
  if (!request.isMultipart()) fail('request.unsupported_media_type', 'Send the files as multipart/form-data.', 'file');
  const files: { field: string; staged: StagedFile }[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ field: part.fieldname, staged: await staging.stage(part.file, part.filename ? toStoredText(part.filename) : null, maxBytes) });
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    await staging.remove(...files.map((f) => f.staged.path));
    throw refusalOf(err, request) ?? err;
  }
  return { files, fields };
}
