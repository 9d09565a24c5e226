/**
 * The two writes that carry files (a new version, a consent with its signed release) go as
 * multipart/form-data outside the typed client. XMLHttpRequest rather than fetch: only it reports
 * upload progress. Same origin with the session cookie; refusals become the same ApiError the
 * typed client throws, so forms show them the same way.
 */
import { ApiError } from '@backlot/contracts/client';
import { SESSION_ENDED } from './client.ts';

/** Bytes sent so far out of the whole request. */
export type Progress = (sent: number, total: number) => void;

/** Posts a form to the API and answers its JSON; `signal` aborts it. */
export function postMultipart<T>(path: string, form: FormData, options: { onProgress?: Progress; signal?: AbortSignal } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : 0);
    }
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        return reject(new ApiError(xhr.status, 'internal', `The server answered ${xhr.status} with something that is not JSON`));
      }
      if (xhr.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code?: string; message?: string; field?: string; requestId?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? `HTTP ${xhr.status}`, err?.field, err?.requestId));
    };
    // A TypeError reads as "cannot be reached" wherever errors are put into words.
    xhr.onerror = () => reject(new TypeError('The upload could not reach Backlot'));
    xhr.onabort = () => reject(new DOMException('The upload was canceled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Whether an error is an upload the member canceled. */
export function isCanceled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
