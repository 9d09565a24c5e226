/** The MLT Backlot writes renders with melt to exactly the timeline's frames, from real media made with ffmpeg. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameRational } from '@backlot/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { HandoffTimeline } from './handoff-timeline.ts';
import { R24, R25, R2997, R23976, threeClips } from './handoff-samples.ts';
import { writeMlt } from './mlt-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'backlot-mlt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each clip's media as a real file: testsrc at the project rate, exactly `frames` frames, 320×180. */
function makeMedia(root: string, t: HandoffTimeline, rate: FrameRational) {
  mkdirSync(join(root, 'media'), { recursive: true });
  for (const c of t.clips) {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=320x180:rate=${rate.num}/${rate.den}`,
      '-frames:v',
      String(c.media.frames),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      join(root, c.media.path),
    ]);
  }
}

function countFrames(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return Number(out.trim());
}

function render(mlt: string, out: string): string {
  const r = spawnSync('melt', ['-silent', mlt, '-consumer', `avformat:${out}`, 'vcodec=libx264', 'preset=ultrafast', 'an=1', 'real_time=-1'], { encoding: 'utf8', timeout: 120_000 });
  return `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
}

/** What melt writes when a producer or the document does not load (it still exits 0, and may still render frames). */
const LOAD_FAILURE = /failed to load|could not open|no such file/i;

describe('MLT rendered by melt', () => {
  for (const [label, rate, t] of [
    ['23.976', R23976, threeClips(R23976, 'ndf', 0)],
    ['29.97 DF', R2997, threeClips(R2997, 'df', 0)],
    ['24', R24, threeClips(R24, 'ndf', 0)],
    ['25', R25, threeClips(R25, 'ndf', 0)],
  ] as const) {
    it(`renders exactly the 120 frames of the timeline at ${label}, with no load failure`, () => {
      const root = join(dir, label.replace(/\W/g, ''));
      makeMedia(root, t, rate);
      writeFileSync(join(root, 'cut.mlt'), writeMlt(t));
      const out = join(root, 'out.mp4');
      const stderr = render(join(root, 'cut.mlt'), out);
      expect(stderr).not.toMatch(LOAD_FAILURE);
      // 36 + 60 + 24 frames, typed by hand from the sample's in/out marks.
      expect(countFrames(out)).toBe(120);
    });
  }

  it('the check catches a broken package: missing media shows on stderr', () => {
    const t = threeClips(R24, 'ndf', 0);
    const root = join(dir, 'missing');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'cut.mlt'), writeMlt(t));
    expect(render(join(root, 'cut.mlt'), join(root, 'out.mp4'))).toMatch(/failed to load producer "[^"]*\/missing\/media\/PROJ_SC001_SH010_TK002\.mp4"/);
  });
});
