import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashEvent, verifyChain, type ChainedEvent } from './audit-chain.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chainOf(n: number): { events: ChainedEvent[]; head: { count: number; lastHash: string } } {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { chain: 'project:p1', seq, actorId: 'a1', action: 'project.updated', targetType: 'project', targetId: 'p1', summary: `change ${seq}`, data: { n: seq }, at: `2026-01-01T00:00:0${seq}Z` };
    const hash = hashEvent(content, prev, sha);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return { events, head: { count: n, lastHash: prev } };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth so equal content hashes equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('verifying an audit chain', () => {
  it('accepts an intact chain, and an empty one', () => {
    const { events, head } = chainOf(5);
    expect(verifyChain(events, head, sha)).toEqual({ ok: true, count: 5, firstBadSeq: null, problem: null });
    expect(verifyChain([], null, sha).ok).toBe(true);
  });

  it('names an edited event', () => {
    const { events, head } = chainOf(5);
    events[2] = { ...events[2], summary: 'something else' };
    const r = verifyChain(events, head, sha);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(r.problem).toMatch(/changed/);
  });

  it('names a deleted event in the middle', () => {
    const { events, head } = chainOf(5);
    events.splice(1, 1);
    expect(verifyChain(events, head, sha)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches the last events deleted, through the head', () => {
    const { events, head } = chainOf(5);
    const r = verifyChain(events.slice(0, 3), head, sha);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(r.problem).toMatch(/head records 5 events but 3/);
  });

  it('catches two events swapped with their numbers', () => {
    const { events, head } = chainOf(5);
    const swapped = [events[0], { ...events[2], seq: 2 }, { ...events[1], seq: 3 }, events[3], events[4]];
    expect(verifyChain(swapped, head, sha)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches an event added outside Backlot at the end', () => {
    const { events } = chainOf(5);
    const shorter = chainOf(4);
    expect(verifyChain(events, shorter.head, sha)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
});
