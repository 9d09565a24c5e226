import { describe, expect, it } from 'vitest';
import { decisionCounts, forAudience, totalSpend, type DailiesReportData } from './report.data.ts';
import { arrowHead, drawingSvg } from './report-drawing.ts';
import { reportHtml, type ReportPage } from './report.html.ts';

const data: DailiesReportData = {
  project: { code: 'NITE', name: 'Night <Shift>', currency: 'EUR' },
  session: { name: 'Dailies "one"', date: '2026-12-06', closedAt: null },
  attendees: [{ name: 'Ana & Co', role: 'director' }],
  takes: [
    {
      code: 'TK001',
      shot: 'SC001_SH010',
      decision: 'approved',
      decidedBy: 'Ana',
      posterSha256: null,
      criteria: [{ criterion: 'Lamp <lit>', result: 'fail' }],
      notes: [
        { author: 'Ben', body: '<script>alert(1)</script>', frame: 3, timecode: '00:00:00:03', drawing: null, visibility: 'internal' },
        { author: 'Carla', body: 'Client words', frame: null, timecode: null, drawing: null, visibility: 'client', replies: [{ author: 'Ana', body: 'Agreed' }] },
      ],
      regenerate: null,
      spendMicros: 1_500_000,
    },
    { code: 'TK002', shot: 'SC001_SH010', decision: 'unreviewed', posterSha256: null, criteria: [], notes: [], regenerate: 'hands melt', spendMicros: 250_000 },
    { code: 'TK003', shot: 'SC001_SH020', decision: 'approved', posterSha256: null, criteria: [], notes: [], regenerate: null, spendMicros: null },
  ],
};

function page(d: DailiesReportData, audience: 'team' | 'client'): ReportPage {
  const cut = forAudience(d, audience);
  return { ...cut, audience, printedAt: '2026-12-06T20:00:00.000Z', takes: cut.takes.map((t) => ({ ...t, posterSrc: null, notes: t.notes.map((n) => ({ ...n, frameSrc: null })) })) };
}

describe('report sums', () => {
  it('counts decisions in review order and leaves out the ones no take got', () => {
    expect(decisionCounts(data.takes)).toEqual([
      { decision: 'approved', count: 2 },
      { decision: 'unreviewed', count: 1 },
    ]);
  });

  it('adds the known spend only; none known is null', () => {
    expect(totalSpend(data.takes)).toBe(1_750_000);
    expect(totalSpend([{ spendMicros: null }])).toBeNull();
  });
});

describe('reportHtml', () => {
  it('escapes every word it was given', () => {
    const html = reportHtml(page(data, 'team'));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Night &lt;Shift&gt;');
    expect(html).toContain('<title>Dailies &quot;one&quot; — dailies 2026-12-06</title>');
    expect(html).toContain('Ana &amp; Co (director)');
    expect(html).toContain('Lamp &lt;lit&gt;');
  });

  it('gives the team the spend (1.50 + 0.25 EUR), who decided and what to regenerate', () => {
    const html = reportHtml(page(data, 'team'));
    expect(html).toContain('spend 1.75 EUR');
    expect(html).toContain('Spend: 1.50 EUR');
    expect(html).toContain('Spend: unknown');
    expect(html).toContain('Decided by Ana');
    expect(html).toContain('SC001_SH010 · TK002</span>: hands melt');
    expect(html).toContain('NO DECISION');
    expect(html).toContain('frame 3 · 00:00:00:03');
  });

  it('gives a client no spend, no internal note and no name of who decided', () => {
    const html = reportHtml(page(data, 'client'));
    expect(html).not.toContain('EUR');
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('Decided by');
    expect(html).toContain('Client words');
    expect(html).toContain('Agreed');
  });
});

describe('drawingSvg', () => {
  it('draws the shapes in the drawing’s coordinates, stretched to the still', () => {
    const svg = drawingSvg(
      {
        width: 640,
        height: 360,
        shapes: [
          { type: 'box', x: 10, y: 20, w: 30, h: 40, colour: '#00ff00', width: 3 },
          {
            type: 'stroke',
            points: [
              [1, 2],
              [3.456, 4],
            ],
            colour: '#0000ff',
            width: 2,
          },
        ],
      },
      { width: 320, height: 180 },
    );
    expect(svg).toContain('width="320" height="180" viewBox="0 0 640 360" preserveAspectRatio="none"');
    expect(svg).toContain('<rect x="10" y="20" width="30" height="40" stroke="#00ff00" stroke-width="3"');
    expect(svg).toContain('<polyline points="1,2 3.46,4" stroke="#0000ff"');
  });

  it('points an arrow’s head back along its line', () => {
    // A line to the right ending at (100, 50), width 5: the head's sides are 20 long, 30° off the line.
    const [a, b] = arrowHead([0, 50], [100, 50], 5);
    expect(a[0]).toBeCloseTo(100 - 20 * Math.cos(Math.PI / 6), 6);
    expect(a[1]).toBeCloseTo(50 - 10, 6);
    expect(b[1]).toBeCloseTo(50 + 10, 6);
  });
});
