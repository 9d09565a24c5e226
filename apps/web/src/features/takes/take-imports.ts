/**
 * Imports of external takes (a clip made outside Backlot, with its provider, model, prompt and
 * cost), kept outside any page so an import goes on while its dialog is closed; each shows its
 * progress on the shot's takes page and says when it is in or what was refused, naming the file.
 */
import type { Take } from '@backlot/contracts';
import { useSyncExternalStore } from 'react';
import { messageOf } from '../../shared/lib/errors.ts';
import { isCanceled, postMultipart } from '../../shared/api/multipart.ts';

export interface ExternalFields {
  provider: string;
  model: string;
  prompt: string;
  cost: string;
  seed: string;
}

export interface TakeImport {
  id: number;
  projectId: string;
  shotId: string;
  fileName: string;
  sent: number;
  total: number;
  /** sending: bytes on the way; checking: all sent, the server probes it and makes the proxy, poster and filmstrip. */
  state: 'sending' | 'checking' | 'done' | 'failed' | 'canceled';
  take?: Take;
  error?: unknown;
}

let imports: TakeImport[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const controllers = new Map<number, AbortController>();

function change(id: number, patch: Partial<TakeImport>) {
  imports = imports.map((u) => (u.id === id ? { ...u, ...patch } : u));
  for (const listener of listeners) listener();
}

/** Sends a clip as an external take of a shot; settles with the take the server made, or its refusal. */
export function startImport(input: { projectId: string; shotId: string; file: File; fields: ExternalFields }): { id: number; done: Promise<Take> } {
  const id = nextId++;
  const form = new FormData();
  const { provider, model, prompt, cost, seed } = input.fields;
  form.append('provider', provider.trim());
  form.append('model', model.trim());
  form.append('prompt', prompt.trim());
  form.append('cost', cost.trim() || '0');
  if (seed.trim()) form.append('seed', seed.trim());
  // The file goes last, so the server has read every field when the bytes arrive.
  form.append('file', input.file, input.file.name);
  imports = [...imports, { id, projectId: input.projectId, shotId: input.shotId, fileName: input.file.name, sent: 0, total: input.file.size, state: 'sending' }];
  for (const listener of listeners) listener();
  const controller = new AbortController();
  controllers.set(id, controller);
  const done = postMultipart<Take>(`/projects/${input.projectId}/shots/${input.shotId}/takes/external`, form, {
    signal: controller.signal,
    onProgress: (sent, size) => change(id, { sent, total: size || input.file.size, state: size && sent >= size ? 'checking' : 'sending' }),
  })
    .then(
      (take) => {
        change(id, { state: 'done', take, sent: input.file.size });
        setTimeout(() => dismissImport(id), 15_000);
        return take;
      },
      (error: unknown) => {
        change(id, { state: isCanceled(error) ? 'canceled' : 'failed', error });
        throw error;
      },
    )
    .finally(() => controllers.delete(id));
  return { id, done };
}

export function cancelImport(id: number) {
  controllers.get(id)?.abort();
}

export function dismissImport(id: number) {
  imports = imports.filter((u) => u.id !== id || u.state === 'sending' || u.state === 'checking');
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The imports into one shot, oldest first. */
export function useImports(projectId: string, shotId: string): TakeImport[] {
  const all = useSyncExternalStore(subscribe, () => imports);
  return all.filter((u) => u.projectId === projectId && u.shotId === shotId);
}

/** What went wrong with an import, naming the file, in the server's words. */
export function importProblem(u: TakeImport): string {
  if (u.state === 'canceled') return `The import of ${u.fileName} was canceled; nothing was recorded.`;
  return `${u.fileName} was not imported: ${messageOf(u.error)}`;
}
