/**
 * The likeness sweep: every so often, deletes at the providers the likeness assets whose consent
 * was withdrawn or has expired, and retries deletions that failed (likeness-assets.service.ts). A
 * consent that expires is noticed here, with nobody generating.
 */
export interface LikenessSweeperOptions {
  sweep: () => Promise<{ deleted: number; failed: number }>;
  everyMs: number;
  log?: { error(obj: unknown, msg?: string): void };
}

export interface LikenessSweeper {
  /** Stops sweeping and waits for a sweep in flight. */
  stop(): Promise<void>;
}

/** Sweeps now and then every `everyMs`, one sweep at a time. */
export function startLikenessSweeper(o: LikenessSweeperOptions): LikenessSweeper {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = o
      .sweep()
      .then(() => undefined)
      .catch((error: unknown) => o.log?.error({ err: error }, 'likeness sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, o.everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
