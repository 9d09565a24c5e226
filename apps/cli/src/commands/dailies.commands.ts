/**
 * `backlot dailies movie`: a dailies session's playlist as one review movie (each take after a
 * slate, on the project's frame and grid), built on the server with a progress bar, then saved.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ApiError, buildPath, readMovieBuild } from '@backlot/contracts/client';
import type { Command } from 'commander';
import { needs, printJson } from '../output.ts';
import { findProject, remoteClient, remoteServer, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';
import { showMovieProgress } from './review-movie-progress.ts';

type MovieOptions = RemoteOptions & { json?: boolean; project: string; out: string };

/** A GET on the server, its answer's body; an error answer thrown as the API's error. */
async function get(opts: RemoteOptions, path: string): Promise<ReadableStream<Uint8Array>> {
  const { server, token } = remoteServer(opts);
  const res = await fetch(`${server}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? `HTTP ${res.status}`, data.error?.field);
  }
  return res.body;
}

export function registerDailiesCommands(program: Command) {
  const dailies = program.command('dailies').description('Dailies sessions (via the server)');
  withRemote(
    dailies
      .command('movie')
      .description(needs("Download a session's playlist as one review movie (each take after a slate, on the project's frame and rate), built with a progress bar", 'listProjects', 'listDailies')),
  )
    .argument('<session>', "the session's id, title or date (YYYY-MM-DD)")
    .requiredOption('--project <code>', 'project code')
    .requiredOption('--out <file>', 'where to save the movie (.mp4)')
    .action(async (which: string, opts: MovieOptions) => {
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const { sessions } = await client.listDailies({ params: { projectId: project.id } });
      const matches = sessions.filter((s) => s.id === which || s.title.toLowerCase() === which.toLowerCase() || s.date === which);
      if (matches.length === 0) throw new UsageError(`${project.code} has no dailies session ${which}`);
      if (matches.length > 1) throw new UsageError(`${which} names ${matches.length} sessions of ${project.code}; give its id: ${matches.map((s) => `${s.id} (${s.title})`).join(', ')}`);
      const session = matches[0];
      const base = buildPath('/projects/:projectId/dailies/:sessionId/movie', { projectId: project.id, sessionId: session.id });
      const display = showMovieProgress(`Review movie ${project.code} ${session.date}`);
      const part = `${opts.out}.part`;
      try {
        const movie = await readMovieBuild(await get(opts, base), (f) => display.update(f));
        await pipeline(Readable.fromWeb((await get(opts, `${base}.mp4`)) as NodeReadableStream<Uint8Array>), createWriteStream(part));
        await rename(part, opts.out);
        display.finish(opts.json ? undefined : `Saved ${session.title} (${movie.totalFrames} frames) to ${opts.out}.`);
        if (opts.json) printJson({ file: opts.out, ...movie });
      } catch (err) {
        display.fail((err as Error).message);
        throw err;
      } finally {
        await rm(part, { force: true });
      }
    });
}
