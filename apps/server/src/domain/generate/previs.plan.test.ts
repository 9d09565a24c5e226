import { describe, expect, it } from 'vitest';
import { createRandom, easeAt, planFraming, planMotion, PREVIS_MOVES, softenMotion } from './previs.motion.ts';
import {
  dissolveFrames,
  framingCrop,
  motionExpressions,
  planPrevisRender,
  previsLabel,
  previsOptionProblems,
  workingSize,
  zoomAt,
  type PrevisRenderInput,
  type PrevisRenderOptions,
} from './previs.plan.ts';
import { drawtextLiteral, escapeOptionValue, timecodeText, truncate, wrapWords } from './previs.text.ts';

const OPTIONS: PrevisRenderOptions = {
  width: 1920,
  height: 1080,
  fpsNum: 24,
  fpsDen: 1,
  frames: 120,
  size: 'MS',
  movement: 'push-in',
  slate: { project: 'Night Shift', shot: 'SC012-SH040', take: 'TK003', action: 'Maya pushes through the kitchen door.' },
  cardTitle: 'INT. KITCHEN - NIGHT',
};
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const input = (over: Partial<PrevisRenderInput> = {}, options: Partial<PrevisRenderOptions> = {}): PrevisRenderInput => ({
  options: { ...OPTIONS, ...options },
  seed: 7,
  start: { path: '/srv/backlot-test/start.img' },
  end: null,
  fontFile: FONT,
  output: '/srv/backlot-test/render.tmp.mp4',
  ...over,
});
const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

/** ffmpeg's av_get_token (libavutil/avstring.c): one level of unquoting, up to an unescaped terminator. */
function avGetToken(text: string, term: string): { token: string; rest: string } {
  let out = '';
  let end = 0;
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  while (i < text.length && !term.includes(text[i])) {
    const c = text[i++];
    if (c === '\\' && i < text.length) {
      out += text[i++];
      end = out.length;
    } else if (c === "'") {
      while (i < text.length && text[i] !== "'") out += text[i++];
      if (i < text.length) {
        i++;
        end = out.length;
      }
    } else {
      out += c;
    }
  }
  while (out.length > end && /\s/.test(out[out.length - 1])) out = out.slice(0, -1);
  return { token: out, rest: text.slice(i) };
}

/** What drawtext draws for a literal text (its own `\` escapes; `%` only as `\%`). */
function drawtextExpand(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

describe('previs escaping', () => {
  it.each(["It's 50% done: C:\\scenes\\sc12 [take 3], cut; go", 'plain words', "''\\\\%%::,,;;[[]]", '%{pts} is not expanded'])(
    'gets %j through the graph, option and drawtext levels intact',
    (text) => {
      const graphLevel = avGetToken(escapeOptionValue(drawtextLiteral(text)), '[],;');
      expect(graphLevel.rest).toBe('');
      const optionLevel = avGetToken(graphLevel.token, ':');
      expect(optionLevel.rest).toBe('');
      expect(drawtextExpand(optionLevel.token)).toBe(text);
    },
  );

  it('numbers the slate’s frames from 0 beside the last, as timecode and the player do (DESIGN.md §7)', () => {
    // drawtext's n is the 0-based frame number: frame 0 reads "F 0 / 23" at 00:00:00:00, the last "F 23 / 23".
    expect(timecodeText(24, 1, 24).counter).toBe('F %{eif:n:d} / 23');
    expect(timecodeText(24000, 1001, 1).counter).toBe('F %{eif:n:d} / 0');
  });

  it('keeps drawtext expansions working after escaping', () => {
    const { timecode, counter } = timecodeText(24000, 1001, 48);
    const passed = avGetToken(avGetToken(escapeOptionValue(timecode), '[],;').token, ':').token;
    expect(passed).toBe('%{eif:trunc(n/86400):d:2}:%{eif:mod(trunc(n/1440),60):d:2}:%{eif:mod(trunc(n/24),60):d:2}:%{eif:mod(n,24):d:2}');
    expect(counter).toBe('F %{eif:n:d} / 47');
  });

  it('fits text to lines', () => {
    expect(truncate('  a  long   line of words ', 10)).toBe('a long li…');
    expect(truncate('short', 10)).toBe('short');
    expect(wrapWords('one two three four five six seven', 10, 2)).toEqual(['one two', 'three fou…']);
    expect(wrapWords('one two', 10, 3)).toEqual(['one two']);
    expect(wrapWords('', 10, 3)).toEqual([]);
  });
});

describe('previs framing and moves', () => {
  it('draws the same numbers for the same seed, and others for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const seq = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seq);
    expect(seq.every((n) => n >= 0 && n < 1)).toBe(true);
    const c = createRandom(43);
    expect(c()).not.toBe(seq[0]);
  });

  it.each([
    ['EWS', 0.96, 1, false],
    ['WS', 0.84, 0.92, false],
    ['MS', 0.53, 0.59, false],
    ['CU', 0.32, 0.36, true],
    ['ECU', 0.2, 0.23, true],
    ['INSERT', 0.26, 0.3, true],
    [null, 0.96, 1, false],
  ] as const)('frames %s as a crop of %s to %s of the picture', (size, min, max, tight) => {
    for (let seed = 0; seed < 20; seed++) {
      const f = planFraming(size, createRandom(seed), false);
      expect(f.fraction).toBeGreaterThanOrEqual(min);
      expect(f.fraction).toBeLessThanOrEqual(max);
      expect(Math.abs(f.centreX - 0.5)).toBeLessThanOrEqual(0.06);
      if (tight) expect(f.centreY).toBeLessThan(0.43);
      else expect(Math.abs(f.centreY - 0.5)).toBeLessThanOrEqual(0.03);
    }
  });

  it('shows a card whole', () => {
    expect(planFraming('ECU', createRandom(1), true)).toEqual({ fraction: 1, centreX: 0.5, centreY: 0.5 });
  });

  it('treats no movement, or one it does not know, as static', () => {
    expect(planMotion(null, createRandom(1)).move).toBe('static');
    expect(planMotion('barrel roll', createRandom(1)).move).toBe('static');
  });

  it('grows a push-in and a dolly on every frame, shrinks a pull-out, even at the ends of the ease', () => {
    for (const [move, sign] of [
      ['push-in', 1],
      ['dolly', 1],
      ['pull-out', -1],
    ] as const) {
      for (const frames of [24, 120, 1440]) {
        const m = planMotion(move, createRandom(3));
        for (let i = 1; i < frames; i++) expect(sign * (zoomAt(m, i, frames) - zoomAt(m, i - 1, frames))).toBeGreaterThan(0);
      }
    }
  });

  it('eases from 0 to 1', () => {
    expect(easeAt(0, 'ease')).toBe(0);
    expect(easeAt(1, 'ease')).toBe(1);
    expect(easeAt(0.5, 'ease')).toBeCloseTo(0.5);
    expect(easeAt(0.25, 'linear')).toBe(0.25);
  });

  it('moves each way the plan says', () => {
    const r = () => createRandom(5);
    expect(planMotion('pan', r())).toMatchObject({ yFrom: expect.any(Number) });
    const pan = planMotion('pan', r());
    expect(pan.xFrom).not.toBe(pan.xTo);
    expect(pan.yFrom).toBe(pan.yTo);
    const tilt = planMotion('tilt', r());
    expect(tilt.yFrom).not.toBe(tilt.yTo);
    expect(tilt.xFrom).toBe(tilt.xTo);
    const truck = planMotion('truck', r());
    expect([truck.path, Math.abs(truck.xTo - truck.xFrom)]).toEqual(['linear', 1]);
    const crane = planMotion('crane', r());
    expect(crane.yFrom).toBeGreaterThan(crane.yTo);
    expect(planMotion('handheld', r()).waves.length).toBe(4);
    const steadicam = planMotion('steadicam', r());
    expect(steadicam.waves.every((w) => w.hz < 0.2)).toBe(true);
    expect(planMotion('static', r())).toMatchObject({ waves: [], path: 'ease' });
  });

  it('pans both ways across seeds', () => {
    const directions = new Set(Array.from({ length: 20 }, (_, seed) => Math.sign(planMotion('pan', createRandom(seed)).xTo - 0.5)));
    expect(directions).toEqual(new Set([1, -1]));
  });

  it('softens a move for a card to half its zoom and travel', () => {
    const m = planMotion('push-in', createRandom(2));
    const soft = softenMotion(m);
    expect(soft.zoomTo - 1).toBeCloseTo((m.zoomTo - 1) / 2, 4);
    expect(soft.xTo - 0.5).toBeCloseTo((m.xTo - 0.5) / 2, 4);
  });

  it.each(PREVIS_MOVES)('plans %s differently for different seeds', (move) => {
    const plans = [1, 2, 3].map((seed) => planPrevisRender(input({ seed }, { movement: move })).args.join(' '));
    expect(new Set(plans).size).toBe(3);
  });
});

describe('planPrevisRender', () => {
  it('renders exactly the frames at the project rate and size, as deterministic H.264 in mp4', () => {
    const { args } = planPrevisRender(input({}, { fpsNum: 24000, fpsDen: 1001, frames: 48 }));
    expect(after(args, '-frames:v')).toBe('48');
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-pix_fmt')).toBe('yuv420p');
    expect(after(args, '-g')).toBe('12');
    expect(after(args, '-threads')).toBe('2');
    expect(after(args, '-f')).toBe('mp4');
    expect(args.at(-1)).toBe('file:/srv/backlot-test/render.tmp.mp4');
    expect(args).toContain('+bitexact');
    const graph = after(args, '-filter_complex');
    expect(graph).toContain(':d=48:s=1920x1080:fps=24000/1001');
    expect(graph).toContain('on/47');
    expect(graph.endsWith('[out]')).toBe(true);
  });

  it('frames the start picture, from a working size larger than the output', () => {
    const plan = planPrevisRender(input());
    expect(after(plan.args, '-i')).toBe('file:/srv/backlot-test/start.img');
    const graph = after(plan.args, '-filter_complex');
    expect(graph.startsWith(`[0:v]${framingCrop(plan.framing, 1920, 1080)},scale=2880:1620`)).toBe(true);
    expect(workingSize(320, 180)).toEqual({ width: 1280, height: 720 });
    expect(workingSize(1080, 1920)).toEqual({ width: 1620, height: 2880 });
  });

  it('draws a titled card when there is no picture', () => {
    const { args } = planPrevisRender(input({ start: null }));
    expect(args).not.toContain('-i');
    const graph = after(args, '-filter_complex');
    expect(graph).toMatch(/^color=c=0x1b1c1f:s=2880x1620:r=1:d=1,/);
    expect(graph).toContain('text=INT. KITCHEN - NIGHT');
  });

  it('dissolves into the end picture so the last frame is the end picture', () => {
    const plan = planPrevisRender(input({ end: { path: '/srv/backlot-test/end.img' } }));
    expect(plan.args.filter((a) => a === '-i')).toHaveLength(2);
    expect(plan.dissolveFrames).toBe(6);
    const graph = after(plan.args, '-filter_complex');
    // 7 frames from 113: frame 113 transparent, 119 (the last) opaque.
    expect(graph).toContain('loop=loop=6:size=1:start=0,settb=expr=1/24,setpts=N+113,fade=t=in:s=0:n=6:alpha=1[end]');
    expect(graph).toContain('[cam][end]overlay=x=0:y=0:format=yuv420[pic];[pic]drawbox');
    expect(dissolveFrames({ fpsNum: 24, fpsDen: 1, frames: 3 })).toBe(2);
    expect(dissolveFrames({ fpsNum: 24, fpsDen: 1, frames: 1 })).toBe(0);
    expect(dissolveFrames({ fpsNum: 60, fpsDen: 1, frames: 300 })).toBe(15);
  });

  it('burns in the slate: project, shot, take, action, timecode and frame count', () => {
    const graph = after(planPrevisRender(input()).args, '-filter_complex');
    expect(graph).toContain('text=Night Shift · SC012-SH040 · TK003');
    expect(graph).toContain('text=Maya pushes through the kitchen door.');
    expect(graph).toContain(`fontfile=${FONT}`);
    expect(graph).toContain('text=F %{eif\\\\:n\\\\:d} / 119');
    expect(previsLabel(OPTIONS)).toBe('Previs · MS · push-in');
  });

  it('gives the same arguments for the same request and seed', () => {
    expect(planPrevisRender(input())).toEqual(planPrevisRender(input()));
  });

  it('writes moves as expressions of the output frame', () => {
    const m = planMotion('push-in', createRandom(1));
    const e = motionExpressions(m, { fpsNum: 24, fpsDen: 1, frames: 25 });
    expect(e.zoom).toBe(`(1+${Math.round((m.zoomTo - 1) * 1e5) / 1e5}*(0.3*(on/24)+0.7*(on/24)*(on/24)*(3-2*(on/24))))`);
    expect(e.x.startsWith('(iw-iw/zoom)*clip(')).toBe(true);
  });
});

describe('previsOptionProblems', () => {
  it('accepts a sound plan', () => {
    expect(previsOptionProblems(OPTIONS)).toEqual([]);
  });

  it.each([
    [{ width: 1921 }, 'providerOptions.previs.width'],
    [{ width: 0 }, 'providerOptions.previs.width'],
    [{ fpsDen: 0 }, 'providerOptions.previs.fpsDen'],
    [{ fpsNum: 1000, fpsDen: 1 }, 'providerOptions.previs.fpsNum'],
    [{ frames: 0 }, 'providerOptions.previs.frames'],
    [{ frames: 2.5 }, 'providerOptions.previs.frames'],
    [{ slate: { project: 'p' } }, 'providerOptions.previs.slate'],
    [{ cardTitle: 3 }, 'providerOptions.previs.cardTitle'],
    [{ size: 5 }, 'providerOptions.previs.size'],
  ])('refuses %j', (change, field) => {
    expect(previsOptionProblems({ ...OPTIONS, ...(change as object) } as PrevisRenderOptions).map((p) => p.field)).toContain(field);
  });
});
