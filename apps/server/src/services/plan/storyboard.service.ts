/** A scene's storyboard, printed to PDF: each shot as its picked take's frame, else as drawn from its plan. */
import type { ReviewState } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import { bestTake } from '../../domain/review/review.rules.ts';
import { aspectOf, formatRate } from '../../domain/project/project.rules.ts';
import { storyboardHtml, type StoryboardShot } from '../../domain/storyboard/storyboard.html.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DocumentRenderer } from '../../ports/documents.ts';
import type { Store } from '../../ports/store.ts';
import { takeCode } from '../generate/generate.service.ts';

export interface StoryboardDeps {
  store: Store;
  clock: Clock;
  documents: DocumentRenderer;
  blobs: BlobStore;
}

/** A whole blob in memory (posters are small JPEGs). */
async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export function createStoryboardService(deps: StoryboardDeps) {
  /** Each shot's picked take (approved, else the best selected) with its poster inline, by shot id. */
  async function pictures(projectId: string, sceneId: string): Promise<Map<string, StoryboardShot['picture']>> {
    const rendered = (await deps.store.read.takes.renderedForProject(projectId, sceneId)).filter((t) => t.review === 'approved' || t.review === 'selected');
    const byShot = new Map<string, typeof rendered>();
    for (const t of rendered) byShot.set(t.shotId, [...(byShot.get(t.shotId) ?? []), t]);
    const out = new Map<string, StoryboardShot['picture']>();
    for (const [shotId, takes] of byShot) {
      const best = bestTake(takes.map((t) => ({ id: t.id, code: takeCode(t.number), number: t.number, review: t.review as ReviewState, rating: t.rating, verdict: t.verdict })));
      const take = takes.find((t) => t.id === best?.takeId);
      if (!take?.media) continue;
      const jpeg = await readBlob(deps.blobs, take.media.posterSha256);
      out.set(shotId, { dataUri: `data:image/jpeg;base64,${jpeg.toString('base64')}`, take: takeCode(take.number), review: take.review as 'approved' | 'selected' });
    }
    return out;
  }

  return {
    /** The printable page and a file name for it; omitted shots are left out. */
    async html(projectId: string, sceneId: string): Promise<{ html: string; fileName: string }> {
      const project = (await deps.store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      const scene = (await deps.store.read.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
      const shots = (await deps.store.read.shots.list(projectId, sceneId)).filter((s) => s.status !== 'omitted');
      const picked = await pictures(projectId, sceneId);
      const html = storyboardHtml({
        project: { code: project.code, name: project.name, aspect: aspectOf(project.width, project.height), frameRate: formatRate({ num: project.fpsNum, den: project.fpsDen }) },
        scene: { number: scene.number, heading: scene.heading, beat: scene.beat },
        shots: shots.map((s) => ({ code: s.code, status: s.status, plan: s.plan, picture: picked.get(s.id) })),
        printedAt: deps.clock.now().toISOString(),
      });
      return { html, fileName: `${project.code}_SC${scene.number}_storyboard` };
    },

    async pdf(projectId: string, sceneId: string): Promise<{ pdf: Uint8Array; fileName: string }> {
      const { html, fileName } = await this.html(projectId, sceneId);
      return { pdf: await deps.documents.renderPdf(html), fileName: `${fileName}.pdf` };
    },
  };
}

export type StoryboardService = ReturnType<typeof createStoryboardService>;
