/**
 * The one place media binaries are started: an argument array in (never a shell line), stdout
 * collected or read as progress, the end of stderr kept for the error, a time limit, cancellation.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

/** Why a run did not succeed. */
export type ProcessFailureReason = 'exit' | 'timeout' | 'aborted' | 'spawn' | 'output_too_large';

/** A run that did not succeed, with the end of what the binary wrote to stderr. */
export class ProcessFailure extends Error {
  constructor(
    readonly reason: ProcessFailureReason,
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProcessFailure';
  }
}

export interface RunOptions {
  /** Killed after this long; 120 s unless said. */
  timeoutMs?: number;
  /** Aborting kills the process and rejects with reason 'aborted'. */
  signal?: AbortSignal;
  /** Collected stdout beyond this kills the run; 8 MiB unless said. */
  maxStdoutBytes?: number;
  /** How much of the end of stderr is kept; 16 KiB unless said. */
  stderrTailBytes?: number;
  /**
   * Reads stdout as ffmpeg's `-progress` output instead of collecting it: called with each block
   * of key=value lines, when its closing `progress=` line arrives.
   */
  onProgress?: (fields: Record<string, string>) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** The last `n` non-empty lines of a text. */
export function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-n)
    .join('\n');
}

/** Runs `command` with `args`; resolves with stdout and stderr on exit code 0, rejects with a ProcessFailure otherwise. */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { timeoutMs = 120_000, signal, maxStdoutBytes = 8 * 1024 * 1024, stderrTailBytes = 16 * 1024, onProgress } = options;
  const name = basename(command);
  if (signal?.aborted) return Promise.reject(new ProcessFailure('aborted', `${name} was cancelled before it started`, '', null, { cause: signal.reason }));

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let stderrCut = false;
    let progressLine = '';
    let progressFields: Record<string, string> = {};
    let stopped: { reason: ProcessFailureReason; message: string } | undefined;

    const stop = (reason: ProcessFailureReason, message: string) => {
      if (stopped) return;
      stopped = { reason, message };
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout', `${name} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`), timeoutMs);
    const onAbort = () => stop('aborted', `${name} was cancelled`);
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (onProgress) {
        const lines = (progressLine + chunk.toString('utf8')).split('\n');
        progressLine = lines.pop() ?? '';
        for (const line of lines) {
          const eq = line.indexOf('=');
          if (eq < 0) continue;
          const key = line.slice(0, eq).trim();
          progressFields[key] = line.slice(eq + 1).trim();
          if (key === 'progress') {
            onProgress(progressFields);
            progressFields = {};
          }
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) return stop('output_too_large', `${name} wrote more than ${maxStdoutBytes} bytes and was stopped`);
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      // Keep twice the tail while running, so trimming is rare; trim to the tail itself at the end.
      if (stderr.length > 2 * stderrTailBytes) {
        stderr = stderr.subarray(stderr.length - stderrTailBytes);
        stderrCut = true;
      }
    });

    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const stderrText = () => {
      let text = stderr.subarray(Math.max(0, stderr.length - stderrTailBytes)).toString('utf8');
      // A cut tail starts mid-line; drop the fragment.
      if (stderrCut || stderr.length > stderrTailBytes) text = text.slice(text.indexOf('\n') + 1);
      return text;
    };

    child.on('error', (err) => {
      finish();
      reject(new ProcessFailure('spawn', `${command} could not be started: ${err.message}`, '', null, { cause: err }));
    });
    child.on('close', (code, killedBy) => {
      finish();
      const text = stderrText();
      if (stopped) return reject(new ProcessFailure(stopped.reason, stopped.message, text, code, stopped.reason === 'aborted' ? { cause: signal?.reason } : undefined));
      if (code === 0) return resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: text });
      const how = code === null ? `was killed by ${killedBy}` : `exited with code ${code}`;
      const tail = lastLines(text, 5);
      reject(new ProcessFailure('exit', `${name} ${how}${tail ? `: ${tail}` : ''}`, text, code));
    });
  });
}
