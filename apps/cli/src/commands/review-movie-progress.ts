/**
 * The review movie's build on the command line: a bar with the percentage and time left on a
 * terminal, a line each tenth of the way otherwise (logs and CI), so a long build is never silent.
 */
import cliProgress from 'cli-progress';

/** What a command tells the display as the build goes. */
export interface MovieProgressDisplay {
  /** How far the build is, 0–1 (as the server reports it); values going back are ignored. */
  update(fraction: number): void;
  /** The build finished: the bar is filled and closed; `message` (e.g. where the movie was saved) is said after it. */
  finish(message?: string): void;
  /** The build stopped: the bar is closed where it stood and the reason said. */
  fail(message: string): void;
}

/** A fraction as a whole percentage, rounded down (so 100 % only when done), clamped to 0–100. */
export function percentOf(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.min(100, Math.max(0, Math.floor(fraction * 100 + 1e-9)));
}

/** Where the display writes: stderr unless said (stdout stays for --json and file output). */
type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/** Starts the display for a movie called `label` (e.g. 'Review movie NITE 2026-12-06'). */
export function showMovieProgress(label: string, out: Out = process.stderr): MovieProgressDisplay {
  let percent = -1;
  let said = -1;
  let closed = false;
  const bar = out.isTTY
    ? new cliProgress.SingleBar(
        { format: `${label} |{bar}| {percentage}% · {eta_formatted} left`, hideCursor: true, stream: out as NodeJS.WriteStream, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(100, 0);

  const show = (next: number) => {
    if (next <= percent) return;
    percent = next;
    if (bar) return bar.update(percent);
    // Without a terminal: one line when the build starts and at each tenth it passes.
    const tenth = Math.floor(percent / 10) * 10;
    if (tenth > said || said < 0) {
      said = tenth;
      out.write(`${label}: ${tenth}%\n`);
    }
  };
  const close = (message?: string) => {
    if (closed) return;
    closed = true;
    bar?.stop();
    if (message) out.write(`${message}\n`);
  };
  show(0);
  return {
    update: (fraction) => {
      if (!closed) show(percentOf(fraction));
    },
    finish: (message) => {
      if (!closed) show(100);
      close(message);
    },
    fail: (message) => close(`${label} failed: ${message}`),
  };
}
