import { ShotPlan } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { escapeHtml, oneLine, storyboardHtml } from './storyboard.html.ts';

const input = {
  project: { code: 'BRICK', name: 'Brick & Steel', aspect: '16:9', frameRate: '24/1' },
  scene: { number: '1', heading: "EXT. BRICK'S PATIO - DAY", beat: 'Retirement toast' },
  printedAt: '2026-11-27T10:00:00.000Z',
  shots: [
    {
      code: 'SC001_SH010',
      status: 'planned',
      plan: ShotPlan.parse({ job: 'Establish the patio', subjectAction: 'Brick sits alone. The door slides open.', camera: { size: 'WS', movement: 'static' } }),
    },
    {
      code: 'SC001_SH020',
      status: 'planned',
      plan: ShotPlan.parse({ job: 'Steel arrives', subjectAction: 'Steel <emerges> with "two" beers', camera: { size: 'MS', movement: 'pan' }, aspect: '2:1' }),
    },
  ],
};

describe('the storyboard page', () => {
  it('shows every shot in order with its code, size, movement, subject, job and camera', () => {
    const html = storyboardHtml(input);
    expect(html.indexOf('SC001_SH010')).toBeLessThan(html.indexOf('SC001_SH020'));
    expect(html).toContain('Establish the patio');
    expect(html).toContain('Brick sits alone.');
    expect(html).toContain('wide · static');
    expect(html).toContain('aspect-ratio: 2 / 1');
    expect(html).toContain('2 shots');
  });

  it('escapes everything that comes from people', () => {
    const html = storyboardHtml(input);
    expect(html).toContain('Steel &lt;emerges&gt; with &quot;two&quot; beers');
    expect(html).toContain('Brick &amp; Steel');
    expect(html).not.toContain('<emerges>');
    expect(escapeHtml(`<script>alert('x')</script>`)).toBe('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
  });

  it('says so when a scene has no shots', () => {
    expect(storyboardHtml({ ...input, shots: [] })).toContain('This scene has no shots yet.');
  });

  it('cuts the subject to its first sentence for the card', () => {
    expect(oneLine('Brick sits. Steel stands.')).toBe('Brick sits.');
    expect(oneLine('x'.repeat(200)).length).toBe(90);
  });
});
