/**
 * Test clips that name their own frames: the frame index burned in as a 12-bit binary barcode (a
 * row of black/white blocks across the top, least significant bit on the left) and as digits,
 * encoded the way review proxies are (libx264, yuv420p, a keyframe every 12 frames, faststart);
 * and the barcode read back from a PNG screenshot of the picture.
 */
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';

export const BITS = 12;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** Where the blocks sit in the clip's own pixels. */
export interface BarcodeLayout {
  width: number;
  height: number;
  x0: number;
  y0: number;
  block: number;
  blockHeight: number;
}

/** Blocks across 90 % of the width (≥ 16 px each at 320 wide: 24 px), a strip an eighth of the height. */
export function barcodeLayout(width: number, height: number): BarcodeLayout {
  const block = Math.floor((width * 0.9) / BITS);
  const blockHeight = Math.max(16, Math.round(height / 8));
  return { width, height, x0: Math.floor((width - block * BITS) / 2), y0: Math.round(blockHeight / 4), block, blockHeight };
}

/** Makes an MP4 of `frames` frames at `rate` ("24000/1001") and `width`×`height` with its frame index burned in. */
export function makeBarcodeClip(path: string, opts: { rate: string; frames: number; width: number; height: number }): void {
  const l = barcodeLayout(opts.width, opts.height);
  const bits = Array.from({ length: BITS }, (_, k) => `drawbox=x=${l.x0 + k * l.block}:y=${l.y0}:w=${l.block}:h=${l.blockHeight}:color=white:t=fill:enable='eq(mod(floor(n/${2 ** k}),2),1)'`);
  const filter = [
    // A black strip under the blocks, so a 0 bit is black whatever the test pattern does there.
    `drawbox=x=0:y=0:w=${opts.width}:h=${l.blockHeight + 2 * l.y0}:color=black:t=fill`,
    ...bits,
    `drawtext=fontfile=${FONT}:text='%{frame_num}':x=${l.x0}:y=${l.blockHeight + 3 * l.y0}:fontsize=${Math.round(opts.height / 5)}:fontcolor=white:box=1:boxcolor=black@0.8`,
  ].join(',');
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${opts.width}x${opts.height}:rate=${opts.rate}`],
    ...['-frames:v', String(opts.frames), '-vf', filter],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-g', '12', '-keyint_min', '12', '-sc_threshold', '0', '-movflags', '+faststart'],
    path,
  ]);
}

/**
 * Reads the frame index from a PNG of the picture, scaled into a box of the PNG's size with
 * object-fit: contain (a screenshot of the `<video>` element): each block's centre, a 3×3 mean of
 * its grey, thresholded at mid-grey.
 */
export async function readBarcode(png: Buffer, clip: { width: number; height: number }): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = Math.min(info.width / clip.width, info.height / clip.height);
  const left = (info.width - clip.width * scale) / 2;
  const top = (info.height - clip.height * scale) / 2;
  const l = barcodeLayout(clip.width, clip.height);
  const grey = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return (data[i] + data[i + 1] + data[i + 2]) / 3;
  };
  let value = 0;
  for (let k = 0; k < BITS; k++) {
    const cx = Math.round(left + (l.x0 + (k + 0.5) * l.block) * scale);
    const cy = Math.round(top + (l.y0 + l.blockHeight / 2) * scale);
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += grey(cx + dx, cy + dy);
    if (sum / 9 > 128) value |= 1 << k;
  }
  return value;
}
