import { describe, expect, it } from 'vitest';
import { MAX_HOME_STREAMS, projectsToListen } from './home-streams.tsx';

describe('the projects the home page listens to', () => {
  it('takes those the feed names first, in its order, then the others, each once, three at most', () => {
    expect(MAX_HOME_STREAMS).toBe(3);
    expect(projectsToListen(['b', 'b', 'd'], ['a', 'b', 'c', 'd'])).toEqual(['b', 'd', 'a']);
    expect(projectsToListen([], ['a'])).toEqual(['a']);
    expect(projectsToListen([], [])).toEqual([]);
  });
});
