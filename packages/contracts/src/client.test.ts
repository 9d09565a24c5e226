/** Following a paged list: every page the server names, in order, and no request past the last. */
import { describe, expect, it } from 'vitest';
import { followPages, readMovieBuild } from './client.ts';

/** A server-side list of `total` numbers, answered `limit` at a time the way the API pages. */
function pagedList(total: number, limit: number) {
  const asked: number[] = [];
  const page = async (offset: number) => {
    asked.push(offset);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    return { items, total, next: offset + items.length < total ? offset + items.length : null };
  };
  return { page, asked };
}

describe('followPages', () => {
  it('asks for each page the server names until next is null', async () => {
    const list = pagedList(1201, 500);
    const pages = await followPages(list.page);
    expect(list.asked).toEqual([0, 500, 1000]);
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 201]);
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 1201 }, (_, i) => i));
  });

  it('asks once for a list that fits one page, and once for an empty one', async () => {
    for (const total of [0, 3, 500]) {
      const list = pagedList(total, 500);
      await followPages(list.page);
      expect(list.asked).toEqual([0]);
    }
  });

  it('stops with an error when the server names a page that does not move forward', async () => {
    let calls = 0;
    const stuck = async (offset: number) => {
      calls += 1;
      return { offset, next: 500 };
    };
    await expect(followPages(stuck)).rejects.toThrow(/named page 500 after page 500/);
    expect(calls).toBe(2);
  });
});

describe('readMovieBuild', () => {
  /** A body that arrives in the given pieces, as a network would cut it. */
  const bodyOf = (...pieces: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of pieces) controller.enqueue(new TextEncoder().encode(p));
        controller.close();
      },
    });

  it('tells each progress in order and answers the movie, whatever the cuts between lines', async () => {
    const seen: number[] = [];
    const movie = await readMovieBuild(bodyOf('{"progress":0}\n{"prog', 'ress":0.25}\n', '{"progress":0.5}\n{"movie":{"sha256":"ab","size":10,"total', 'Frames":48,"fileName":"NITE.mp4"}}\n'), (f) =>
      seen.push(f),
    );
    expect(seen).toEqual([0, 0.25, 0.5]);
    expect(movie).toEqual({ sha256: 'ab', size: 10, totalFrames: 48, fileName: 'NITE.mp4' });
  });

  it('reads a last line that has no newline after it', async () => {
    const movie = await readMovieBuild(bodyOf('{"movie":{"sha256":"cd","size":1,"totalFrames":1,"fileName":"a.mp4"}}'), () => {});
    expect(movie.fileName).toBe('a.mp4');
  });

  it("throws the server's error with its code after the progress it got", async () => {
    const seen: number[] = [];
    const failed = readMovieBuild(bodyOf('{"progress":0.3}\n{"error":{"code":"media_unreadable","message":"ffmpeg cannot read TK002"}}\n'), (f) => seen.push(f));
    await expect(failed).rejects.toMatchObject({ code: 'media_unreadable', message: 'ffmpeg cannot read TK002' });
    expect(seen).toEqual([0.3]);
  });

  it('says the server stopped when the stream ends without the movie', async () => {
    await expect(readMovieBuild(bodyOf('{"progress":0.9}\n'), () => {})).rejects.toThrow('The server stopped before the movie was built.');
  });
});
