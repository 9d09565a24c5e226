/** The retention purge over HTTP: its NDJSON lines read as they come, so the page shows live progress. */
import type { RetentionPurgeLine, RetentionPurgeResult } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';

/** Purges the takes named, telling `onProgress` after each batch; throws the server's error. */
export async function purgeRetention(projectId: string, takeIds: string[], onProgress: (p: { done: number; total: number; bytes: number }) => void): Promise<RetentionPurgeResult> {
  const res = await fetch(`/api/v1/projects/${projectId}/retention/purge`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify({ takeIds }),
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? `The purge was refused (${res.status}).`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      const text = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      end = buffered.indexOf('\n');
      if (!text) continue;
      const line = JSON.parse(text) as RetentionPurgeLine;
      if ('progress' in line) onProgress(line.progress);
      else if ('result' in line) return line.result;
      else throw new ApiError(500, line.error.code, line.error.message);
    }
    if (done) break;
  }
  throw new ApiError(500, 'internal', 'The server stopped before the purge finished; takes already purged stay purged, the others are intact.');
}
