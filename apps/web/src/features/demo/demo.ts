/**
 * The sample project: one call asks the server to build a small production (scenes, shots with
 * plans, references and previs takes) owned by the member, and answers its id. The route is not in
 * the endpoint table, so it goes through fetch here, with errors shaped like the typed client's.
 */
import { ApiError } from '@backlot/contracts/client';
import { SESSION_ENDED } from '../../app/client.ts';

export async function buildSampleProject(): Promise<{ projectId: string }> {
  const res = await fetch('/api/v1/demo', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
  if (res.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'internal', `The server answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string; requestId?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `HTTP ${res.status}`, err?.field, err?.requestId);
  }
  const projectId = (data as { projectId?: unknown } | undefined)?.projectId;
  if (typeof projectId !== 'string') throw new ApiError(res.status, 'internal', 'The server built the sample project but did not say which it is');
  return { projectId };
}
