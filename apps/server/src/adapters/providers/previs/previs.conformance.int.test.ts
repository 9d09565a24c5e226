/**
 * The built-in previs generator through the provider contract suite. It renders in Backlot's own
 * processes with ffmpeg, so the cases about a remote API (HTTP faults, moderation, expiring links)
 * are skipped, each saying why; the rest run as they do for a paid provider.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { createPrevisTaskRepository } from '../../db/repositories/previs-task.repository.ts';
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { createPrevisProvider } from './previs.provider.ts';

const remote = 'previs renders inside Backlot with ffmpeg: there is no HTTP call to throttle, fail, time out or garble';

describeProviderConformance({
  provider: 'previs',
  model: 'previs-animatic',
  label: 'Previs',
  start: async () => undefined,
  stop: async () => undefined,
  harness: {},
  prepare: async () => undefined,
  settings: {},
  // Previs costs nothing; its hold and settlement are still written, at zero.
  costMicros: 0,
  providerStatuses: ['waiting', 'rendering', 'done', 'failed', 'canceled'],
  successStatus: 'done',
  rateLimited: { skip: remote },
  serverError: { skip: remote },
  timeout: { skip: remote },
  malformed: { skip: remote },
  policyRefusal: { skip: 'previs has no content policy: it draws the plan as an animatic' },
  invalidInput: { skip: 'previs checks a spec before anything is reserved (validate) and has no submit-time parameter errors' },
  taskExpired: { skip: 'a previs render has no time limit at a provider' },
  outputExpiry: { skip: "previs outputs are kept in Backlot's own blob store, behind no link that can expire" },
  async submitAsStoppedWorker(h, take) {
    // Another process on the same database and blob store, stopped right after it submitted.
    const workDir = await mkdtemp(join(tmpdir(), 'backlot-previs-stopped-'));
    const stopped = createPrevisProvider({
      ffmpegPath: 'ffmpeg',
      workDir,
      tasks: createPrevisTaskRepository(h.testDb.database.db),
      blobs: createBlobStore(h.container.config),
      fontFile: h.container.config.tools.fontFile,
      owner: 'stopped-process',
    });
    try {
      return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
    } finally {
      await stopped.close();
      await rm(workDir, { recursive: true, force: true });
    }
  },
  // Twenty seconds of picture render for a while, long enough to cancel mid-render.
  holdAtProvider: () => ({ settings: { durationFrames: 480 }, undo: () => undefined }),
  cancelRunning: { endsAs: 'canceled' },
  cancelQueued: { endsAs: 'canceled' },
});
