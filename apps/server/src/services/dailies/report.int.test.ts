/**
 * The dailies report printed by the real Chromium from real posters and a real proxy, read back
 * with pdftotext and pdftoppm as a producer would look at it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../adapters/documents/chromium-pdf.renderer.ts';
import { createFfmpegTakeMedia } from '../../adapters/media/ffmpeg.take-media.ts';
import { createSharpReportFrames } from '../../adapters/media/sharp.report-frames.ts';
import { createDiskBlobStore } from '../../adapters/storage/disk.blob-store.ts';
import { createDiskStaging } from '../../adapters/storage/disk.staging.ts';
import type { DailiesReportData } from '../../domain/dailies/report.data.ts';
import { createDailiesReportService } from './report.service.ts';

const dir = mkdtempSync(join(tmpdir(), 'backlot-report-'));
const at = (name: string) => join(dir, name);
const blobs = createDiskBlobStore({ root: at('blobs') });
const staging = createDiskStaging(at('staging'));
const documents = createChromiumPdfRenderer({ executablePath: process.env.BACKLOT_CHROMIUM ?? '/usr/bin/chromium' });
const frames = createSharpReportFrames();
const service = createDailiesReportService({
  blobs,
  staging,
  takeMedia: createFfmpegTakeMedia(),
  frames,
  documents,
  clock: { now: () => new Date('2026-12-06T18:30:00Z') },
});

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
const put = (path: string) =>
  blobs.put(
    (async function* () {
      yield readFileSync(path);
    })(),
  );

let data: DailiesReportData;

beforeAll(async () => {
  // Three posters that look nothing alike: ffmpeg's colour bars, its SMPTE bars, and a gradient drawn by sharp.
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=640x360', '-frames:v', '1', at('poster1.jpg'));
  ffmpeg('-f', 'lavfi', '-i', 'smptehdbars=s=640x360', '-frames:v', '1', at('poster2.jpg'));
  await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="640"><defs><linearGradient id="g"><stop offset="0" stop-color="#203a8f"/><stop offset="1" stop-color="#f0c020"/></linearGradient></defs><rect width="360" height="640" fill="url(#g)"/></svg>',
    ),
  )
    .jpeg()
    .toFile(at('poster3.jpg'));
  // The first take's review proxy: 48 frames at 24 fps, 320×180.
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=24', '-frames:v', '48', '-pix_fmt', 'yuv420p', at('proxy1.mp4'));
  const [p1, p2, p3, proxy] = await Promise.all(['poster1.jpg', 'poster2.jpg', 'poster3.jpg', 'proxy1.mp4'].map((f) => put(at(f))));

  data = {
    project: { code: 'NITE', name: 'Night Shift', currency: 'USD' },
    session: { name: 'Warehouse dailies', date: '2026-12-06', closedAt: '2026-12-06T18:25:00Z' },
    attendees: [
      { name: 'Ana Director', role: 'director' },
      { name: 'Ben Producer', role: 'producer' },
    ],
    takes: [
      {
        code: 'TK001',
        shot: 'SC001_SH010',
        decision: 'approved',
        decidedBy: 'Ana Director',
        posterSha256: p1.sha256,
        proxySha256: proxy.sha256,
        criteria: [
          { criterion: 'Lamp stays lit', result: 'pass' },
          { criterion: 'No extra fingers', result: 'pass' },
        ],
        verdict: 'Keeper',
        notes: [
          {
            author: 'Ben Producer',
            body: 'Crane move lands late; trim the tail.',
            frame: 12,
            timecode: '00:00:00:12',
            drawing: { width: 320, height: 180, shapes: [{ type: 'box', x: 40, y: 30, w: 120, h: 80, colour: '#ff0000', width: 4 }] },
            visibility: 'internal',
          },
          {
            author: 'Ana Director',
            body: 'Lens flare past the end.',
            frame: 99,
            timecode: '00:00:04:03',
            drawing: { width: 320, height: 180, shapes: [{ type: 'arrow', from: [10, 10], to: [100, 100], colour: '#00ff00', width: 3 }] },
            visibility: 'internal',
          },
        ],
        regenerate: null,
        spendMicros: 4_250_000,
      },
      {
        code: 'TK002',
        shot: 'SC001_SH020',
        decision: 'maybe',
        posterSha256: p2.sha256,
        criteria: [{ criterion: 'Eyeline matches', result: 'fail' }],
        notes: [{ author: 'Client Carla', body: 'Warmer grade on the face please.', frame: null, timecode: null, drawing: null, visibility: 'client' }],
        regenerate: 'eyeline drifts to camera left',
        spendMicros: 8_250_000,
      },
      {
        code: 'TK007',
        shot: 'SC002_SH010',
        decision: 'rejected',
        posterSha256: p3.sha256,
        criteria: [],
        notes: [{ author: 'Ana Director', body: 'Wrong wardrobe & <hat> entirely.', frame: 30, timecode: '00:00:01:06', drawing: null, visibility: 'internal' }],
        regenerate: null,
        spendMicros: null,
      },
    ],
  };
}, 60_000);

afterAll(async () => {
  await documents.close();
  await staging.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The RGB pixels of a PNG or JPEG, with its width and height. */
async function pixels(path: string | Buffer) {
  const { data: px, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { px, width: info.width, height: info.height };
}

/** A region of a page averaged down to cols × rows cells of RGB. */
function pool(img: { px: Buffer; width: number }, x0: number, y0: number, w: number, h: number, cols: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const sums = [0, 0, 0];
      let n = 0;
      for (let y = y0 + Math.floor((r * h) / rows); y < y0 + Math.floor(((r + 1) * h) / rows); y++) {
        for (let x = x0 + Math.floor((c * w) / cols); x < x0 + Math.floor(((c + 1) * w) / cols); x++) {
          const i = (y * img.width + x) * 3;
          for (let k = 0; k < 3; k++) sums[k] += img.px[i + k];
          n++;
        }
      }
      out.push(...sums.map((s) => s / Math.max(1, n)));
    }
  }
  return out;
}
const meanDiff = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe('the dailies report', () => {
  it('prints every take’s code, decision and notes, the attendees, what to regenerate and the spend; its hash is the PDF’s', async () => {
    const printed = await service.print(data);
    const pdfPath = at('report.pdf');
    const chunks: Buffer[] = [];
    for await (const c of await blobs.get(printed.sha256)) chunks.push(Buffer.from(c as Uint8Array));
    writeFileSync(pdfPath, Buffer.concat(chunks));

    expect(printed.sha256).toBe(createHash('sha256').update(readFileSync(pdfPath)).digest('hex'));
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const words of [
      'Warehouse dailies',
      'Ana Director (director), Ben Producer (producer)',
      'SC001_SH010 · TK001 APPROVED',
      'SC001_SH020 · TK002 MAYBE',
      'SC002_SH010 · TK007 REJECTED',
      'Crane move lands late; trim the tail.',
      // A drawing at a frame the 48-frame proxy does not have: the note stays, with the reason.
      'Lens flare past the end.',
      'The drawing is not shown: Backlot could not take frame 99 from the clip: the clip has no frame 99.',
      'frame 12 · 00:00:00:12',
      'Warmer grade on the face please.',
      'Wrong wardrobe & <hat> entirely.',
      'eyeline drifts to camera left',
      'Eyeline matches FAIL',
      // 4.25 + 8.25 USD; the third take's spend is unknown.
      'spend 12.50 USD',
      'Spend: 4.25 USD',
      '3 takes · 1 approved · 1 maybe · 1 rejected',
    ]) {
      expect(text).toContain(words);
    }
  }, 60_000);

  it('shows the first take’s poster where it sits on the first page', async () => {
    const printed = await service.print(data);
    const pdfPath = at('report-page.pdf');
    const chunks: Buffer[] = [];
    for await (const c of await blobs.get(printed.sha256)) chunks.push(Buffer.from(c as Uint8Array));
    writeFileSync(pdfPath, Buffer.concat(chunks));
    execFileSync('pdftoppm', ['-r', '100', '-f', '1', '-l', '1', '-png', '-singlefile', pdfPath, at('page1')]);
    const page = await pixels(at('page1.png'));

    // The poster sits under the first take's heading, at the page's left margin (12 mm), 64 mm wide
    // at the poster's 16:9: at 100 dpi, x = 47 px, 252 × 142 px. Where the heading ends comes from
    // pdftotext's word boxes (in points); the poster starts a little below it.
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' });
    const heading = /<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">TK001<\/word>/.exec(boxes);
    expect(heading).not.toBeNull();
    const below = Math.round((Number(heading![1]) * 100) / 72);
    const [w, h] = [252, 142];
    const poster1 = pool(await pixels(await sharp(at('poster1.jpg')).resize(w, h).toBuffer()), 0, 0, w, h, 32, 18);
    const poster2 = pool(await pixels(await sharp(at('poster2.jpg')).resize(w, h).toBuffer()), 0, 0, w, h, 32, 18);
    let best = { diff: Infinity, x: 0, y: 0 };
    for (let y = below; y < below + 40; y++) {
      for (let x = 43; x <= 51; x++) {
        const diff = meanDiff(pool(page, x, y, w, h, 32, 18), poster1);
        if (diff < best.diff) best = { diff, x, y };
      }
    }
    // On 0–255 per channel: the printed poster matches its source closely…
    expect(best.diff).toBeLessThan(12);
    // …and the same place does not look like another take's poster.
    expect(meanDiff(pool(page, best.x, best.y, w, h, 32, 18), poster2)).toBeGreaterThan(40);
  }, 60_000);

  it('gives a client the page without spend, internal notes or who decided', async () => {
    const html = await service.html(data, { audience: 'client' });
    expect(html).toContain('Warmer grade on the face please.');
    expect(html).not.toContain('Crane move');
    expect(html).not.toContain('wardrobe');
    expect(html).not.toContain('USD');
    expect(html).not.toContain('Decided by');
    expect(html).toContain('TK007');
  });
});

describe('annotated frames', () => {
  it('lays the drawing over the frame, its coordinates stretched to the still', async () => {
    // A grey still of 320×180 and a drawing made on a 640×360 frame: the box (100,50)–(300,250)
    // lands at (50,25)–(150,125) on the still.
    const still = at('grey.png');
    await sharp({ create: { width: 320, height: 180, channels: 3, background: '#808080' } })
      .png()
      .toFile(still);
    const jpeg = await frames.annotate(still, { width: 640, height: 360, shapes: [{ type: 'box', x: 100, y: 50, w: 200, h: 200, colour: '#ff0000', width: 8 }] }, { maxSide: 320 });
    const img = await pixels(Buffer.from(jpeg));
    const rgbAt = (x: number, y: number) => Array.from(img.px.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
    expect([img.width, img.height]).toEqual([320, 180]);
    const [r, g, b] = rgbAt(100, 25);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    for (const v of rgbAt(100, 75)) expect(Math.abs(v - 128)).toBeLessThan(10);
  });
});
