/** Drawing on the review player's picture in a browser test: where the picture is, and a drag across it. */
import type { Page } from 'playwright-core';

/**
 * Where the picture is on the page: the video element's box with the proxy's own shape fitted in
 * it (object-fit: contain), measured here from the element and its intrinsic size.
 */
export async function pictureOnPage(page: Page) {
  const { box, video } = await page.locator('video.player-video').evaluate((v: HTMLVideoElement) => {
    const r = v.getBoundingClientRect();
    return { box: { x: r.left, y: r.top, width: r.width, height: r.height }, video: { width: v.videoWidth, height: v.videoHeight } };
  });
  const scale = Math.min(box.width / video.width, box.height / video.height);
  const width = video.width * scale;
  const height = video.height * scale;
  return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height, video };
}

/** Drags on the picture from one point to another, each given as a share of the picture's width and height. */
export async function dragOnPicture(page: Page, from: [number, number], to: [number, number]) {
  const pic = await pictureOnPage(page);
  const at = ([u, v]: [number, number]) => [pic.x + u * pic.width, pic.y + v * pic.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 });
  await page.mouse.move(...at(to), { steps: 4 });
  await page.mouse.up();
}
