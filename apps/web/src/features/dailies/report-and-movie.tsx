/**
 * What a session leaves behind: its report (a web page and a PDF printed when it closed) and the
 * playlist as one review movie, built on the server with its progress shown live, then downloaded.
 */
import type { DailiesDetail } from '@backlot/contracts';
import { buildPath, type ReviewMovie, readMovieBuild } from '@backlot/contracts/client';
import { useState } from 'react';
import { SESSION_ENDED } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';

const api = (path: string) => `/api/v1${path}`;

export function SessionReport({ projectId, detail }: { projectId: string; detail: DailiesDetail }) {
  const base = api(buildPath('/projects/:projectId/dailies/:sessionId/report', { projectId, sessionId: detail.session.id }));
  return (
    <section aria-label="Report">
      <h2 className="side-panel-title">Report</h2>
      {detail.session.status === 'open' ? (
        <p className="muted small">Closing the session prints its report: who attended, each take with its decision and notes, what to regenerate, and the spend.</p>
      ) : (
        <p className="small">
          <a href={base} target="_blank" rel="noopener">
            Open the report
          </a>{' '}
          ·{' '}
          <a href={`${base}.pdf`} download>
            Report as PDF
          </a>
        </p>
      )}
    </section>
  );
}

type MovieState = { state: 'idle' } | { state: 'building'; fraction: number } | { state: 'built'; movie: ReviewMovie } | { state: 'failed'; message: string };

export function ReviewMovieBuild({ projectId, sessionId, takes }: { projectId: string; sessionId: string; takes: number }) {
  const [movie, setMovie] = useState<MovieState>({ state: 'idle' });
  const base = api(buildPath('/projects/:projectId/dailies/:sessionId/movie', { projectId, sessionId }));
  const build = async () => {
    setMovie({ state: 'building', fraction: 0 });
    try {
      const res = await fetch(base, { credentials: 'same-origin' });
      if (res.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
      if (!res.ok || !res.body) {
        const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(data.error?.message ?? `HTTP ${res.status}`);
      }
      const built = await readMovieBuild(res.body, (fraction) => setMovie({ state: 'building', fraction }));
      setMovie({ state: 'built', movie: built });
    } catch (e) {
      setMovie({ state: 'failed', message: messageOf(e) });
    }
  };
  const percent = movie.state === 'building' ? Math.min(100, Math.max(0, Math.floor(movie.fraction * 100))) : 0;
  return (
    <section aria-label="Review movie">
      <h2 className="side-panel-title">Review movie</h2>
      {movie.state === 'built' ? (
        <p className="small">
          <a href={`${base}.mp4`} download={movie.movie.fileName}>
            Download the review movie
          </a>{' '}
          <span className="muted">
            {movie.movie.totalFrames} frames · {(movie.movie.size / 1e6).toFixed(1)} MB
          </span>
        </p>
      ) : (
        <Button small disabled={takes === 0} pending={movie.state === 'building'} onClick={() => void build()}>
          Build review movie
        </Button>
      )}
      {movie.state === 'building' && (
        <p className="small" role="status">
          <progress className="upload-bar" max={100} value={percent} aria-label="Review movie progress" /> {percent}%
        </p>
      )}
      {takes === 0 && <p className="muted small">The playlist is empty.</p>}
      {movie.state === 'failed' && <Banner tone="error">The review movie could not be built: {movie.message}</Banner>}
    </section>
  );
}
