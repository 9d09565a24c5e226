import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, storedContent, verifyChain, type ChainedEvent } from './audit-chain.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * One event, hashed by hand the way each format says: v1 covers the fields below without the
 * actor's name; v2 adds the actor's name and the format number. Keys are written in sorted order.
 */
function event(seq: number, prevHash: string, version: 1 | 2, over: Partial<{ actorName: string; summary: string }> = {}): ChainedEvent {
  const actorName = over.actorName ?? 'Ada Owner';
  const summary = over.summary ?? `change ${seq}`;
  const at = `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`;
  const canonical =
    version === 1
      ? `{"action":"project.updated","actorId":"a1","at":"${at}","chain":"project:p1","data":{"n":${seq}},"seq":${seq},"summary":"${summary}","targetId":"p1","targetType":"project"}`
      : `{"action":"project.updated","actorId":"a1","actorName":"${actorName}","at":"${at}","chain":"project:p1","data":{"n":${seq}},"hashVersion":2,"seq":${seq},"summary":"${summary}","targetId":"p1","targetType":"project"}`;
  return {
    chain: 'project:p1',
    seq,
    actorId: 'a1',
    actorName,
    action: 'project.updated',
    targetType: 'project',
    targetId: 'p1',
    summary,
    data: { n: seq },
    at,
    hashVersion: version,
    prevHash,
    hash: sha(`${prevHash}\n${canonical}`),
  };
}

/** A chain of n events; the first `v1` of them in the first format. */
function chainOf(n: number, v1 = 0): { events: ChainedEvent[]; head: { count: number; lastHash: string } } {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = event(seq, prev, seq <= v1 ? 1 : 2);
    events.push(e);
    prev = e.hash;
  }
  return { events, head: { count: n, lastHash: prev } };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so equal content hashes equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('the content of an event as the databases store it', () => {
  it('turns NUL and lone surrogates into U+FFFD in every string, actor name, ids and data (keys too)', () => {
    const c = storedContent({
      chain: 'instance',
      seq: 1,
      actorId: 'a\u0000',
      actorName: 'Out\ud800sider',
      action: 'take.failed',
      targetType: 'take',
      targetId: 't\udc001',
      summary: 'provider said: bad\u0000 input \ud83c\udfac',
      data: { message: ['x\ud800'], 'k\u0000': 1, nested: { at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined } },
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(c).toEqual({
      chain: 'instance',
      seq: 1,
      actorId: 'a\ufffd',
      actorName: 'Out\ufffdsider',
      action: 'take.failed',
      targetType: 'take',
      targetId: 't\ufffd1',
      summary: 'provider said: bad\ufffd input \ud83c\udfac',
      // Data is what JSON keeps: a date becomes its text, an undefined field is gone.
      data: { message: ['x\ufffd'], 'k\ufffd': 1, nested: { at: '2026-01-02T03:04:05.000Z' } },
      at: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('verifying an audit chain', () => {
  it('accepts an intact chain, and an empty one', () => {
    const { events, head } = chainOf(5);
    expect(verifyChain(events, head, sha)).toEqual({ ok: true, count: 5, firstBadSeq: null, problem: null, problems: [], badCount: 0 });
    expect(verifyChain([], null, sha)).toMatchObject({ ok: true, count: 0, badCount: 0 });
  });

  it('accepts events of the first format followed by events of the second', () => {
    const { events, head } = chainOf(6, 3);
    expect(events.map((e) => e.hashVersion)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(verifyChain(events, head, sha)).toMatchObject({ ok: true, count: 6, badCount: 0 });
  });

  it('names an edited event', () => {
    const { events, head } = chainOf(5);
    events[2] = { ...events[2], summary: 'something else' };
    const r = verifyChain(events, head, sha);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3, badCount: 1 });
    expect(r.problem).toBe('event 3 (project.updated) was changed after it was written');
  });

  it("finds an edited actor's name in the second format", () => {
    const { events, head } = chainOf(4);
    events[1] = { ...events[1], actorName: 'Someone Else' };
    expect(verifyChain(events, head, sha)).toMatchObject({ ok: false, badCount: 1, problems: [{ seq: 2, problem: 'event 2 (project.updated) was changed after it was written' }] });
  });

  it('reports every edited event, and only those: one edit does not make the later events look bad', () => {
    const { events, head } = chainOf(50);
    events[2] = { ...events[2], summary: 'nothing happened' };
    events[39] = { ...events[39], actorName: 'Nobody' };
    events[44] = { ...events[44], data: { n: 0 } };
    const r = verifyChain(events, head, sha);
    expect(r.ok).toBe(false);
    expect(r.badCount).toBe(3);
    expect(r.problems).toEqual([
      { seq: 3, problem: 'event 3 (project.updated) was changed after it was written' },
      { seq: 40, problem: 'event 40 (project.updated) was changed after it was written' },
      { seq: 45, problem: 'event 45 (project.updated) was changed after it was written' },
    ]);
    expect(r).toMatchObject({ firstBadSeq: 3, problem: 'event 3 (project.updated) was changed after it was written' });
  });

  it('finds an event whose hash was recomputed after an edit at the link to the next one', () => {
    const { events, head } = chainOf(5);
    events[1] = event(2, events[0].hash, 2, { summary: 'rewritten' });
    expect(verifyChain(events, head, sha).problems).toEqual([{ seq: 3, problem: 'event 3 does not follow event 2: events were reordered, deleted or replaced' }]);
  });

  it('names a deleted event in the middle once', () => {
    const { events, head } = chainOf(5);
    events.splice(1, 1);
    expect(verifyChain(events, head, sha)).toMatchObject({ ok: false, firstBadSeq: 2, badCount: 1, problems: [{ seq: 2, problem: 'event 2 is missing: events were deleted or renumbered' }] });
  });

  it('catches the last events deleted, through the head', () => {
    const { events, head } = chainOf(5);
    const r = verifyChain(events.slice(0, 3), head, sha);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 4, badCount: 1 });
    expect(r.problem).toBe('the chain head records 5 events but 3 are stored: the last events were deleted or added outside Backlot');
  });

  it('catches two events swapped with their numbers', () => {
    const { events, head } = chainOf(5);
    const swapped = [events[0], { ...events[2], seq: 2 }, { ...events[1], seq: 3 }, events[3], events[4]];
    const r = verifyChain(swapped, head, sha);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(r.problems.map((p) => p.seq)).toEqual([2, 3, 4]);
  });

  it('catches an event added outside Backlot at the end', () => {
    const { events } = chainOf(5);
    const shorter = chainOf(4);
    expect(verifyChain(events, shorter.head, sha)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('refuses an event of the first format after one of the second, and a format it does not know', () => {
    const { events, head } = chainOf(3);
    const downgraded = event(3, events[1].hash, 1);
    const r = verifyChain([events[0], events[1], downgraded], { count: 3, lastHash: downgraded.hash }, sha);
    expect(r.problems).toEqual([{ seq: 3, problem: 'event 3 is in hash format 1 after an event in format 2: formats never go back' }]);
    const unknown = verifyChain([events[0], events[1], { ...events[2], hashVersion: 7 }], head, sha);
    expect(unknown.problems).toEqual([{ seq: 3, problem: 'event 3 names hash format 7, which Backlot does not know' }]);
  });
});
