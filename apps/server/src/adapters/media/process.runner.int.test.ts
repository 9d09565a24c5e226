/** The process runner against real processes: Node scripts for the edge cases, ffmpeg for progress. */
import { describe, expect, it } from 'vitest';
import { readProgress, withProgress } from '../../domain/media/ffmpeg.plans.ts';
import { ProcessFailure, runProcess } from './process.runner.ts';

const node = process.execPath;
const script = (code: string) => ['-e', code];

async function failure(run: Promise<unknown>): Promise<ProcessFailure> {
  try {
    await run;
  } catch (err) {
    if (err instanceof ProcessFailure) return err;
    throw err;
  }
  throw new Error('expected the run to fail');
}

describe('process runner', () => {
  it('resolves with stdout and stderr when the process exits 0', async () => {
    const r = await runProcess(node, script("process.stdout.write('{\"ok\":true}'); process.stderr.write('note\\n')"));
    expect(r).toEqual({ stdout: '{"ok":true}', stderr: 'note\n' });
  });

  it('rejects with the exit code and the last stderr lines in the message', async () => {
    const f = await failure(runProcess(node, script("for (let i = 1; i <= 10; i++) console.error('line ' + i); process.exitCode = 3")));
    expect(f.reason).toBe('exit');
    expect(f.exitCode).toBe(3);
    expect(f.message).toBe(`${node.split('/').at(-1)} exited with code 3: line 6\nline 7\nline 8\nline 9\nline 10`);
    expect(f.stderr).toContain('line 1\n');
  });

  it('keeps only the end of a long stderr, starting on a whole line', async () => {
    const f = await failure(
      runProcess(node, script("for (let i = 0; i < 5000; i++) console.error('noise ' + i + ' ' + 'x'.repeat(40)); console.error('the real reason'); process.exitCode = 1"), { stderrTailBytes: 4096 }),
    );
    expect(f.stderr.length).toBeLessThanOrEqual(4096);
    expect(f.stderr.startsWith('noise ')).toBe(true);
    expect(f.stderr.trimEnd().endsWith('the real reason')).toBe(true);
  });

  it('stops a process that runs past its time limit', async () => {
    const started = Date.now();
    const f = await failure(runProcess(node, script('setTimeout(() => {}, 30000)'), { timeoutMs: 300 }));
    expect(f.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a process when its signal aborts, and never starts one already aborted', async () => {
    const controller = new AbortController();
    const run = runProcess(node, script('setTimeout(() => {}, 30000)'), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('take cancelled')), 200);
    const f = await failure(run);
    expect(f.reason).toBe('aborted');
    expect((f.cause as Error).message).toBe('take cancelled');

    const before = await failure(runProcess('/nonexistent/binary', [], { signal: AbortSignal.abort() }));
    expect(before.reason).toBe('aborted');
  });

  it('stops a process whose stdout passes the limit', async () => {
    const f = await failure(runProcess(node, script("setInterval(() => process.stdout.write('y'.repeat(65536)), 1)"), { maxStdoutBytes: 100_000 }));
    expect(f.reason).toBe('output_too_large');
  });

  it('says when the binary cannot be started', async () => {
    const f = await failure(runProcess('/nonexistent/ffmpeg', ['-version']));
    expect(f.reason).toBe('spawn');
    expect(f.message).toMatch(/^\/nonexistent\/ffmpeg could not be started: .*ENOENT/);
  });

  it('reads ffmpeg progress blocks as they come, ending with progress=end', async () => {
    const blocks: Record<string, string>[] = [];
    const args = withProgress(['-v', 'error', '-nostdin', '-f', 'lavfi', '-i', 'testsrc=size=64x36:rate=25', '-t', '2', '-f', 'null', '-']);
    const r = await runProcess('ffmpeg', args, { onProgress: (fields) => blocks.push(fields) });
    expect(r.stdout).toBe('');
    const last = readProgress(blocks.at(-1)!);
    expect(last.done).toBe(true);
    expect(last.outTimeUs).toBeGreaterThanOrEqual(1_960_000);
    expect(blocks.slice(0, -1).every((b) => !readProgress(b).done)).toBe(true);
  });
});
