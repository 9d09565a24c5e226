/**
 * Screenplay import bench, domain part: parseFountain and planImport on a feature-length script
 * (~120 pages) built from the Fountain samples' scenes, then on the same script ×4 and ×16. The time
 * per scene should stay flat as the script grows. The service's database writes are not measured.
 *
 *   node --import tsx bench/import/run.ts        (BACKLOT_FIXTURES_DIR, BENCH_RUNS=7)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFountain, type ParsedScene } from '../../apps/server/src/domain/screenplay/fountain.ts';
import { planImport, type ExistingScene } from '../../apps/server/src/domain/screenplay/reimport.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../shared/fixtures');
const SOURCES = ['brick-and-steel.fountain', 'Simple.fountain', 'Indenting.fountain'];
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// The usual rule of thumb: a screenplay page holds about 55 lines.
const LINES_PER_PAGE = 55;
const FEATURE_PAGES = 120;

const samples: ParsedScene[] = SOURCES.flatMap((name) => parseFountain(readFileSync(join(FIXTURES, 'fountain', name), 'utf8')).scenes);

/** A scene written back as Fountain under a new number; headings that are not INT/EXT/… are forced with a period. */
function sceneText(scene: ParsedScene, number: number): string {
  const heading = /^(?:INT|EXT|EST|I\/E)[. /]/.test(scene.heading) ? scene.heading : `.${scene.heading}`;
  return `${heading} #${number}#\n\n${scene.excerpt}\n\n`;
}

/** A script of at least `pages` pages: the sample scenes over and over, numbered 1, 2, 3 … */
function buildScript(pages: number): { text: string; scenes: number; lines: number } {
  const parts = ['Title: The Long Take\nAuthor: Backlot bench\n\n'];
  let lines = 3;
  let scenes = 0;
  while (lines < pages * LINES_PER_PAGE) {
    const part = sceneText(samples[scenes % samples.length], scenes + 1);
    parts.push(part);
    lines += part.split('\n').length - 1;
    scenes++;
  }
  return { text: parts.join(''), scenes, lines };
}

/** The project after a first import of the script, as the import service would store it. */
function projectAfterFirstImport(text: string): ExistingScene[] {
  return planImport([], parseFountain(text)).add.map((a, i) => ({ id: `scene-${i}`, omitted: false, ...a }));
}

/** A revised draft: every tenth scene gets one more line of action. */
function revise(text: string): string {
  let n = 0;
  return text.replace(/\n\n(?=[.A-Z][^\n]* #\d+#\n)/g, (gap) => (++n % 10 === 0 ? '\n\nA new line of action.\n\n' : gap));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const base = buildScript(FEATURE_PAGES);
const results: { times: number; pages: number; scenes: number; parseMs: number; planMs: number; totalMs: number; perSceneUs: number }[] = [];
for (const times of [1, 4, 16]) {
  const script = buildScript(FEATURE_PAGES * times);
  const existing = projectAfterFirstImport(script.text);
  const draft = revise(script.text);
  const check = planImport(existing, parseFountain(draft));
  if (check.add.length + check.omit.length !== 0 || check.update.length !== Math.floor(script.scenes / 10)) {
    throw new Error(`the revised draft should change every tenth scene and nothing else (${check.update.length} changed)`);
  }
  // One warm-up run, then the median of RUNS.
  const parse: number[] = [];
  const plan: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    let parsed = parseFountain(draft);
    const parseMs = time(() => (parsed = parseFountain(draft)));
    const planMs = time(() => planImport(existing, parsed));
    if (run > 0) {
      parse.push(parseMs);
      plan.push(planMs);
    }
  }
  const parseMs = median(parse);
  const planMs = median(plan);
  const totalMs = parseMs + planMs;
  results.push({ times, pages: Math.round(script.lines / LINES_PER_PAGE), scenes: script.scenes, parseMs, planMs, totalMs, perSceneUs: (totalMs * 1000) / script.scenes });
}

console.log('Screenplay import, domain part only: parseFountain + planImport (re-import of a revised draft into the');
console.log('project holding the previous draft). The import service, which writes the scenes to the database, is not');
console.log(`measured here. Script: the scenes of ${SOURCES.join(', ')} repeated with new numbers;`);
console.log(`${LINES_PER_PAGE} lines a page; median of ${RUNS} runs after one warm-up; Node ${process.version}.\n`);
console.log('size   pages  scenes   parse ms   plan ms   total ms   µs/scene');
for (const r of results) {
  console.log(
    `×${String(r.times).padEnd(4)} ${String(r.pages).padStart(6)} ${String(r.scenes).padStart(7)} ${r.parseMs.toFixed(2).padStart(10)} ${r.planMs.toFixed(2).padStart(9)} ${r.totalMs.toFixed(2).padStart(10)} ${r.perSceneUs.toFixed(1).padStart(10)}`,
  );
}
const ratio = results[results.length - 1].perSceneUs / results[0].perSceneUs;
console.log(`\nper-scene time ×16 / ×1: ${ratio.toFixed(2)} (flat is about 1; ${base.scenes} scenes make the ×1 script)`);
