/**
 * Where the picture sits inside the player, and a point on screen in the take's frame: the video is
 * shown with `object-fit: contain`, so a picture of another shape than the player is letterboxed
 * (bars above and below) or pillarboxed (bars left and right). Drawings are kept in the take's own
 * frame coordinates (the original's width × height, DESIGN.md §7), whatever the size of the player
 * and of the proxy it plays, so the same note lands on the same pixels everywhere.
 */

export interface Size {
  width: number;
  height: number;
}

/** A rectangle in the player's own CSS pixels, from its top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangle a picture of `picture`'s shape fills inside `box`, centred and scaled to fit (object-fit: contain). */
export function pictureRect(box: Size, picture: Size): Rect {
  if (box.width <= 0 || box.height <= 0 || picture.width <= 0 || picture.height <= 0) return { x: 0, y: 0, width: Math.max(0, box.width), height: Math.max(0, box.height) };
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  const width = picture.width * scale;
  const height = picture.height * scale;
  return { x: (box.width - width) / 2, y: (box.height - height) / 2, width, height };
}

/**
 * A point in the player (CSS pixels from its top-left) in the take's frame coordinates, given the
 * rectangle the picture is shown in: scaled from that rectangle to the frame, kept inside the frame
 * (a drag that leaves the picture stops at its edge) and rounded to a tenth of a pixel.
 */
export function toFramePoint(point: readonly [number, number], shown: Rect, frame: Size): [number, number] {
  const tenth = (n: number) => Math.round(n * 10) / 10;
  const along = (at: number, start: number, length: number, size: number) => (length > 0 ? Math.min(size, Math.max(0, ((at - start) / length) * size)) : 0);
  return [tenth(along(point[0], shown.x, shown.width, frame.width)), tenth(along(point[1], shown.y, shown.height, frame.height))];
}
