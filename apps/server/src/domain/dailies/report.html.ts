/**
 * A dailies report as one self-contained HTML page: the session and who attended, the decisions at
 * a glance, what to regenerate, then each take with its poster, decision, criteria, notes (annotated
 * frames as pictures) and spend. The same page is printed to PDF by Chromium and served to members
 * in the browser (screen styles centre it; print styles set the A4 page). Every word is escaped.
 */
import { formatAmount } from '../project/project.rules.ts';
import { escapeHtml } from '../storyboard/storyboard.html.ts';
import { decisionCounts, totalSpend, type DailiesReportData, type ReportAudience, type ReportNote, type ReportTake } from './report.data.ts';

/**
 * A note with its annotated frame's picture (a data: URI or a URL), when it has a drawing at a
 * frame; `frameProblem` says why a drawn frame could not be shown (the report still prints).
 */
export type ReportPageNote = ReportNote & { frameSrc: string | null; frameProblem?: string | null };

/** A take with its poster's picture source. */
export type ReportPageTake = Omit<ReportTake, 'notes'> & { posterSrc: string | null; notes: ReportPageNote[] };

/** What the page shows: the report's data (already cut for its audience, see forAudience), with picture sources. */
export interface ReportPage extends Omit<DailiesReportData, 'takes'> {
  takes: ReportPageTake[];
  audience: ReportAudience;
  /** When the page was made, ISO 8601 UTC. */
  printedAt: string;
}

const DECISION_COLOURS: Record<string, string> = { approved: '#1f9d55', selected: '#2b6cb0', maybe: '#b7791f', rejected: '#c53030', unreviewed: '#718096' };
const RESULT_WORDS = { pass: 'pass', fail: 'FAIL', unsure: 'unsure' } as const;

const e = escapeHtml;
const decisionWord = (d: string) => (d === 'unreviewed' ? 'NO DECISION' : d.toUpperCase());
const money = (micros: number, currency: string) => `${formatAmount(micros)} ${currency}`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function badge(decision: string): string {
  return `<span class="decision" style="background:${DECISION_COLOURS[decision] ?? '#718096'}">${e(decisionWord(decision))}</span>`;
}

function noteHtml(note: ReportPageNote): string {
  const where = note.frame === null ? 'whole take' : `frame ${note.frame}${note.timecode ? ` · ${note.timecode}` : ''}`;
  const replies = (note.replies ?? []).map((r) => `<div class="reply"><span class="who">${e(r.author)}</span> ${e(r.body)}</div>`).join('');
  return `<li class="note">
  <div class="note-head"><span class="who">${e(note.author)}</span> · <span class="where">${e(where)}</span>${note.visibility === 'client' ? ' · <span class="client">client-visible</span>' : ''}</div>
  <div class="body">${e(note.body)}</div>${replies}
  ${note.frameSrc ? `<img class="annotated" src="${e(note.frameSrc)}" alt="${e(`Drawing at ${where}`)}">` : ''}${note.frameProblem ? `<div class="quiet">The drawing is not shown: ${e(note.frameProblem)}</div>` : ''}
</li>`;
}

function takeHtml(take: ReportPageTake, page: ReportPage): string {
  const criteria = take.criteria.length
    ? `<table class="criteria">${take.criteria.map((c) => `<tr class="${c.result}"><td>${e(c.criterion)}</td><td>${RESULT_WORDS[c.result]}</td></tr>`).join('')}</table>`
    : '<p class="quiet">No criteria checked.</p>';
  const facts = [
    take.verdict ? `<p class="verdict">“${e(take.verdict)}”</p>` : '',
    page.audience === 'team' && take.decidedBy ? `<p class="quiet">Decided by ${e(take.decidedBy)}</p>` : '',
    page.audience === 'team' ? `<p class="spend">Spend: ${take.spendMicros === null ? 'unknown' : e(money(take.spendMicros, page.project.currency))}</p>` : '',
    take.regenerate ? `<p class="regen">Regenerate: ${e(take.regenerate)}</p>` : '',
  ].join('');
  return `<section class="take">
  <h2><span class="code">${e(take.shot)} · ${e(take.code)}</span> ${badge(take.decision)}</h2>
  <div class="row">
    ${take.posterSrc ? `<img class="poster" src="${e(take.posterSrc)}" alt="${e(`Poster of ${take.shot} ${take.code}`)}">` : '<div class="poster none">No poster</div>'}
    <div class="facts">${criteria}${facts}</div>
  </div>
  ${take.notes.length ? `<ul class="notes">${take.notes.map(noteHtml).join('')}</ul>` : '<p class="quiet">No notes.</p>'}
</section>`;
}

/** The page. Fonts are the system's (DejaVu on Debian) and pictures are inline, so printing fetches nothing. */
export function reportHtml(page: ReportPage): string {
  const { project, session, attendees, takes } = page;
  const title = `${session.name} — dailies ${session.date}`;
  const counts = decisionCounts(takes)
    .map((c) => `${c.count} ${decisionWord(c.decision).toLowerCase()}`)
    .join(' · ');
  const spend = page.audience === 'team' ? totalSpend(takes) : null;
  const regenerate = takes.filter((t) => t.regenerate);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
  @page { size: A4; margin: 12mm; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
  @media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 4mm; } }
  header { border-bottom: 1px solid #999; padding-bottom: 3mm; margin-bottom: 4mm; }
  h1 { font-size: 15pt; margin: 0 0 1mm; }
  .meta, .quiet { color: #555; }
  .attendees, .summary { margin: 1mm 0; }
  .regen-list { margin: 2mm 0 4mm; padding: 2mm 3mm; border-left: 1mm solid #c05621; background: #fff8f1; }
  .regen-list h3 { margin: 0 0 1mm; font-size: 10pt; }
  .take { margin: 0 0 6mm; }
  .take h2 { font-size: 11.5pt; margin: 0 0 2mm; break-after: avoid; }
  .code { font-family: 'DejaVu Sans Mono', monospace; }
  .decision { color: #fff; font-size: 8.5pt; padding: 0.4mm 1.6mm; border-radius: 1mm; vertical-align: middle; }
  .row { display: grid; grid-template-columns: 64mm 1fr; gap: 5mm; break-inside: avoid; }
  .poster { width: 64mm; display: block; }
  .poster.none { height: 36mm; background: #eee; color: #777; display: flex; align-items: center; justify-content: center; }
  .criteria { border-collapse: collapse; margin-bottom: 2mm; }
  .criteria td { padding: 0.5mm 2mm 0.5mm 0; border-bottom: 1px solid #e2e2e2; }
  .criteria .fail td:last-child { color: #c53030; font-weight: bold; }
  .facts p { margin: 0 0 1mm; }
  .regen { color: #c05621; font-weight: bold; }
  .notes { list-style: none; padding: 0; margin: 3mm 0 0; }
  .note { margin: 0 0 2.5mm; padding-left: 3mm; border-left: 0.6mm solid #ccc; break-inside: avoid; }
  .note-head { color: #555; font-size: 8.5pt; }
  .who { font-weight: bold; color: #111; }
  .client { color: #2b6cb0; }
  .reply { margin: 1mm 0 0 4mm; }
  .annotated { display: block; width: 80mm; margin-top: 1.5mm; }
</style></head>
<body>
<header>
  <h1>${e(session.name)}</h1>
  <div class="meta">${e(project.code)} “${e(project.name)}” · dailies of ${e(session.date)}${session.closedAt ? ` · closed ${e(session.closedAt.slice(0, 16).replace('T', ' '))} UTC` : ''} · printed ${e(page.printedAt.slice(0, 16).replace('T', ' '))} UTC</div>
  <div class="attendees"><strong>Attendees:</strong> ${attendees.length ? attendees.map((a) => `${e(a.name)} (${e(a.role)})`).join(', ') : 'none recorded'}</div>
  <div class="summary"><strong>${e(plural(takes.length, 'take'))}</strong>${counts ? ` · ${e(counts)}` : ''}${spend !== null ? ` · spend ${e(money(spend, project.currency))}` : ''}</div>
</header>
${regenerate.length ? `<div class="regen-list"><h3>To regenerate</h3><ul>${regenerate.map((t) => `<li><span class="code">${e(t.shot)} · ${e(t.code)}</span>: ${e(t.regenerate ?? '')}</li>`).join('')}</ul></div>` : ''}
${takes.length ? takes.map((t) => takeHtml(t, page)).join('\n') : '<p class="quiet">No takes were played in this session.</p>'}
</body></html>`;
}
