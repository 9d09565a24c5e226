/**
 * A scene's storyboard as one self-contained, printable HTML page: its shots in order as a strip
 * of frames, each the frame of the shot's approved (else best selected) take, or a card drawn from
 * the plan while no take is picked.
 */
import { SHOT_SIZE_NAMES, type ShotPlan } from '@backlot/contracts';

export interface StoryboardShot {
  code: string;
  status: string;
  plan: ShotPlan;
  /** The picked take's poster, inline (the page must print with nothing fetched), and its name. */
  picture?: { dataUri: string; take: string; review: 'approved' | 'selected' };
}

export interface StoryboardInput {
  project: { code: string; name: string; aspect: string; frameRate: string };
  scene: { number: string; heading: string; beat: string };
  shots: StoryboardShot[];
  printedAt: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The first sentence or line, cut to a length a card can show. */
export function oneLine(text: string, max = 90): string {
  const first = text.split(/(?<=[.!?])\s|\n/)[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

function ratio(aspect: string): string {
  const [w, h] = aspect.split(':').map(Number);
  return w > 0 && h > 0 ? `${w} / ${h}` : '16 / 9';
}

function camera(plan: ShotPlan): string {
  const c = plan.camera;
  return [c.size && SHOT_SIZE_NAMES[c.size], c.angle, c.height && `${c.height} height`, c.movement, c.lensFeel && `${c.lensFeel} lens`, c.pace].filter(Boolean).join(' · ') || 'camera not planned yet';
}

function frame(shot: StoryboardShot, aspect: string): string {
  const p = shot.plan;
  return `<figure class="frame">
  <div class="card" style="aspect-ratio: ${ratio(p.aspect ?? aspect)}">
${
  shot.picture
    ? `    <img class="picture" src="${escapeHtml(shot.picture.dataUri)}" alt="${escapeHtml(`${shot.code} ${shot.picture.take}`)}">
    <div class="code">${escapeHtml(shot.code)}</div>
    <div class="take">${escapeHtml(`${shot.picture.take} ${shot.picture.review}`)}</div>`
    : `    <div class="code">${escapeHtml(shot.code)}</div>
    <div class="size">${escapeHtml(p.camera.size ?? '—')}</div>
    <div class="move">${escapeHtml(p.camera.movement ?? '')}</div>
    <div class="subject">${escapeHtml(oneLine(p.subjectAction) || 'subject not planned yet')}</div>`
}
  </div>
  <figcaption>
    <div class="job">${escapeHtml(p.job || 'No shot job yet')}</div>
    <div class="cam">${escapeHtml(camera(p))}</div>
  </figcaption>
</figure>`;
}

/** The whole page; fonts are the system's (DejaVu on Debian), so printing needs nothing from outside. */
export function storyboardHtml(input: StoryboardInput): string {
  const { project, scene, shots } = input;
  const title = `${project.code} · Scene ${scene.number} · ${scene.heading}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: 'DejaVu Sans', sans-serif; color: #111; margin: 0; }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #999; padding-bottom: 4mm; margin-bottom: 5mm; }
  h1 { font-size: 15pt; margin: 0; }
  .beat { font-size: 9.5pt; color: #444; margin-top: 1mm; }
  .meta { font-size: 8.5pt; color: #555; text-align: right; font-family: 'DejaVu Sans Mono', monospace; }
  .strip { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6mm; }
  .frame { margin: 0; break-inside: avoid; }
  .card { position: relative; background: #2b2b2b; color: #eee; border-radius: 1.5mm; overflow: hidden; }
  .picture { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .code, .take { position: absolute; top: 2mm; font: 8.5pt 'DejaVu Sans Mono', monospace; color: #eee; background: rgba(0, 0, 0, 0.55); padding: 0.3mm 1mm; border-radius: 0.8mm; }
  .code { left: 2.5mm; }
  .take { right: 2.5mm; }
  .size { position: absolute; top: 35%; width: 100%; text-align: center; font-size: 20pt; font-weight: bold; letter-spacing: 1px; }
  .move { position: absolute; top: 55%; width: 100%; text-align: center; font-size: 9pt; color: #ccc; }
  .subject { position: absolute; bottom: 2mm; left: 2.5mm; right: 2.5mm; font-size: 8.5pt; color: #ddd; }
  figcaption { font-size: 8.5pt; margin-top: 1.5mm; }
  .job { font-weight: bold; }
  .cam { color: #555; }
  .empty { color: #555; font-size: 11pt; }
</style></head>
<body>
<header>
  <div><h1>Scene ${escapeHtml(scene.number)} — ${escapeHtml(scene.heading)}</h1>${scene.beat ? `<div class="beat">${escapeHtml(scene.beat)}</div>` : ''}</div>
  <div class="meta">${escapeHtml(project.code)} “${escapeHtml(project.name)}”<br>${escapeHtml(project.frameRate)} fps · ${escapeHtml(project.aspect)}<br>${shots.length} shot${shots.length === 1 ? '' : 's'} · printed ${escapeHtml(input.printedAt.slice(0, 16).replace('T', ' '))} UTC</div>
</header>
${shots.length ? `<main class="strip">\n${shots.map((s) => frame(s, project.aspect)).join('\n')}\n</main>` : '<p class="empty">This scene has no shots yet.</p>'}
</body></html>`;
}
