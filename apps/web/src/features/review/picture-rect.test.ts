import { describe, expect, it } from 'vitest';
import { pictureRect, toFramePoint } from './picture-rect.ts';

describe('the picture inside the player', () => {
  it('fills a box of its own shape', () => {
    expect(pictureRect({ width: 960, height: 540 }, { width: 1280, height: 720 })).toEqual({ x: 0, y: 0, width: 960, height: 540 });
  });

  it('is letterboxed in a taller box: bars above and below', () => {
    // A 16:9 picture in a 1000×700 box: 1000×562.5, 68.75 px bars.
    expect(pictureRect({ width: 1000, height: 700 }, { width: 1280, height: 720 })).toEqual({ x: 0, y: 68.75, width: 1000, height: 562.5 });
  });

  it('is pillarboxed in a wider box: bars left and right', () => {
    // A 9:16 picture in a 1000×640 box: 360×640, 320 px bars.
    expect(pictureRect({ width: 1000, height: 640 }, { width: 1080, height: 1920 })).toEqual({ x: 320, y: 0, width: 360, height: 640 });
  });

  it('is nothing to measure before the box or the picture has a size', () => {
    expect(pictureRect({ width: 0, height: 0 }, { width: 1920, height: 1080 })).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    expect(pictureRect({ width: 800, height: 450 }, { width: 0, height: 0 })).toEqual({ x: 0, y: 0, width: 800, height: 450 });
  });
});

describe('a point on the picture in the take’s frame', () => {
  it('counts in the take’s own pixels, not the player’s nor the proxy’s', () => {
    // A 1080p take (played through its 1280×720 proxy) shown 960×540 at the top-left of the player.
    const shown = { x: 0, y: 0, width: 960, height: 540 };
    expect(toFramePoint([0, 0], shown, { width: 1920, height: 1080 })).toEqual([0, 0]);
    expect(toFramePoint([480, 270], shown, { width: 1920, height: 1080 })).toEqual([960, 540]);
    expect(toFramePoint([960, 540], shown, { width: 1920, height: 1080 })).toEqual([1920, 1080]);
  });

  it('leaves out the bars of a letterboxed or pillarboxed picture', () => {
    // 16:9 letterboxed in 1000×700: the picture starts 68.75 px down.
    expect(toFramePoint([250, 68.75 + 562.5 / 4], { x: 0, y: 68.75, width: 1000, height: 562.5 }, { width: 1920, height: 1080 })).toEqual([480, 270]);
    // 9:16 pillarboxed in 1000×640: the picture starts 320 px in; its middle is (540, 960) of 1080×1920.
    expect(toFramePoint([500, 320], { x: 320, y: 0, width: 360, height: 640 }, { width: 1080, height: 1920 })).toEqual([540, 960]);
  });

  it('keeps a point in a bar on the edge of the frame', () => {
    const shown = { x: 320, y: 0, width: 360, height: 640 };
    expect(toFramePoint([10, -5], shown, { width: 1080, height: 1920 })).toEqual([0, 0]);
    expect(toFramePoint([990, 700], shown, { width: 1080, height: 1920 })).toEqual([1080, 1920]);
  });

  it('rounds to a tenth of a pixel', () => {
    expect(toFramePoint([1, 1], { x: 0, y: 0, width: 3, height: 3 }, { width: 1920, height: 1080 })).toEqual([640, 360]);
    expect(toFramePoint([1, 2], { x: 0, y: 0, width: 7, height: 7 }, { width: 100, height: 100 })).toEqual([14.3, 28.6]);
  });
});
