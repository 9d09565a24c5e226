import { describe, expect, it } from 'vitest';
import { draftCoverage } from './coverage.rules.ts';

describe('coverage of a scene with sung lines', () => {
  it('drafts singles for a singer whose dialogue opens with a lyric', () => {
    const labels = draftCoverage({
      number: '4',
      heading: 'INT. BAR - NIGHT',
      beat: '',
      excerpt: 'The BAND plays on a tiny stage.\n\nSINGER\n~These are the songs\n~that we sing\n\nBOB\nNice.\n',
      characters: ['SINGER', 'BOB'],
    }).map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['Two-shot — SINGER and BOB', 'Single — SINGER', 'Single — BOB']));
  });
});
