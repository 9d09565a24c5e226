/** Reads a multipart request: each file part is staged (streamed to a temporary file, size-limited), fields kept as text. */
import type { FastifyRequest } from 'fastify';
import { fail } from '../domain/errors.ts';
import type { StagedFile, Staging } from '../ports/staging.ts';

export async function readStagedMultipart(request: FastifyRequest, staging: Staging, maxBytes: number) {
  if (!request.isMultipart()) fail('request.unsupported_media_type', 'Send the files as multipart/form-data.', 'file');
  const files: { field: string; staged: StagedFile }[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ field: part.fieldname, staged: await staging.stage(part.file, part.filename || null, maxBytes) });
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    await staging.remove(...files.map((f) => f.staged.path));
    throw err;
  }
  return { files, fields };
}
