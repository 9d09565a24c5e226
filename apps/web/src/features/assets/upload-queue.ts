/**
 * Uploads of reference versions, kept outside any page: an upload goes on while its dialog is
 * closed or the member moves to another page, shows its progress wherever uploads are listed,
 * and says when it is done or what the server refused, naming the file.
 */
import type { Asset } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { messageOf } from '../../shared/lib/errors.ts';
import { isCanceled, postMultipart } from '../../shared/api/multipart.ts';

/** One file of a version and the view it shows ("main", or front / side / back on a sheet). */
export interface VersionFile {
  view: string;
  file: File;
}

export interface Upload {
  id: number;
  projectId: string;
  assetId: string;
  assetName: string;
  files: { view: string; name: string; size: number }[];
  sent: number;
  total: number;
  /** sending: bytes on the way; checking: all sent, the server is reading the media and making previews. */
  state: 'sending' | 'checking' | 'done' | 'failed' | 'canceled';
  error?: unknown;
  version?: number;
}

export interface UploadResult {
  version: number;
  asset: Asset;
}

/** How long a finished upload stays on the list, saying it is done. */
const DONE_SHOWN_MS = 15_000;

let uploads: Upload[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const controllers = new Map<number, AbortController>();

function change(id: number, patch: Partial<Upload>) {
  uploads = uploads.map((u) => (u.id === id ? { ...u, ...patch } : u));
  for (const listener of listeners) listener();
}

/** Sends one version (one or more files) of a reference; the promise settles when the server has recorded it or refused it. */
export function startUpload(input: { projectId: string; asset: Pick<Asset, 'id' | 'name'>; files: VersionFile[]; note?: string }): { id: number; done: Promise<UploadResult> } {
  const id = nextId++;
  // A new try replaces what earlier uploads of the same reference left on the list.
  uploads = uploads.filter((u) => u.assetId !== input.asset.id || isActive(u));
  const form = new FormData();
  if (input.note?.trim()) form.append('note', input.note.trim());
  for (const f of input.files) form.append(f.view, f.file, f.file.name);
  const total = input.files.reduce((n, f) => n + f.file.size, 0);
  uploads = [
    ...uploads,
    {
      id,
      projectId: input.projectId,
      assetId: input.asset.id,
      assetName: input.asset.name,
      files: input.files.map((f) => ({ view: f.view, name: f.file.name, size: f.file.size })),
      sent: 0,
      total,
      state: 'sending',
    },
  ];
  for (const listener of listeners) listener();
  const controller = new AbortController();
  controllers.set(id, controller);
  const done = postMultipart<UploadResult>(`/projects/${input.projectId}/assets/${input.asset.id}/versions`, form, {
    signal: controller.signal,
    onProgress: (sent, size) => change(id, { sent, total: size || total, state: size && sent >= size ? 'checking' : 'sending' }),
  }).then(
    (result) => {
      change(id, { state: 'done', version: result.version, sent: total });
      setTimeout(() => dismissUpload(id), DONE_SHOWN_MS);
      return result;
    },
    (error: unknown) => {
      change(id, { state: isCanceled(error) ? 'canceled' : 'failed', error });
      throw error;
    },
  );
  done.finally(() => controllers.delete(id)).catch(() => {});
  return { id, done };
}

export function cancelUpload(id: number) {
  controllers.get(id)?.abort();
}

/** Takes a finished, failed or canceled upload off the list. */
export function dismissUpload(id: number) {
  uploads = uploads.filter((u) => u.id !== id || u.state === 'sending' || u.state === 'checking');
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The uploads of a project (of one reference when `assetId` is given), oldest first. */
export function useUploads(projectId: string, assetId?: string): Upload[] {
  const all = useSyncExternalStore(subscribe, () => uploads);
  return all.filter((u) => u.projectId === projectId && (!assetId || u.assetId === assetId));
}

/** Calls `then` each time an upload of the project (of one reference when `assetId` is given) is recorded, so a page can load it. */
export function useAfterUpload(uploads: Upload[], then: () => void) {
  const latest = Math.max(0, ...uploads.filter((u) => u.state === 'done').map((u) => u.id));
  const seen = useRef(latest);
  const callback = useRef(then);
  callback.current = then;
  useEffect(() => {
    if (latest <= seen.current) return;
    seen.current = latest;
    callback.current();
  }, [latest]);
}

/** Whether an upload is still under way. */
export function isActive(u: Upload): boolean {
  return u.state === 'sending' || u.state === 'checking';
}

/** The files of an upload by name: "a.png", or "front a.png, side b.jpg" for a sheet. */
export function filesLabel(u: Pick<Upload, 'files'>): string {
  if (u.files.length === 1) return u.files[0].name;
  return u.files.map((f) => `${f.view} ${f.name}`).join(', ');
}

/** What went wrong with an upload, naming the file, in the server's words. */
export function uploadProblem(u: Upload): string {
  if (u.state === 'canceled') return `The upload of ${filesLabel(u)} was canceled; nothing was recorded.`;
  const refused = u.error instanceof ApiError && u.error.status < 500;
  const subject = u.files.length === 1 ? u.files[0].name : `The sheet (${filesLabel(u)})`;
  return `${subject} ${refused ? 'was refused' : 'was not uploaded'}: ${messageOf(u.error)}`;
}
