/** A scene's storyboard, printed to PDF. */
import { fail } from '../../domain/errors.ts';
import { aspectOf, formatRate } from '../../domain/project/project.rules.ts';
import { storyboardHtml } from '../../domain/storyboard/storyboard.html.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DocumentRenderer } from '../../ports/documents.ts';
import type { Store } from '../../ports/store.ts';

export interface StoryboardDeps {
  store: Store;
  clock: Clock;
  documents: DocumentRenderer;
}

export function createStoryboardService(deps: StoryboardDeps) {
  return {
    /** The printable page and a file name for it; omitted shots are left out. */
    async html(projectId: string, sceneId: string): Promise<{ html: string; fileName: string }> {
      const project = (await deps.store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      const scene = (await deps.store.read.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
      const shots = (await deps.store.read.shots.list(projectId, sceneId)).filter((s) => s.status !== 'omitted');
      const html = storyboardHtml({
        project: { code: project.code, name: project.name, aspect: aspectOf(project.width, project.height), frameRate: formatRate({ num: project.fpsNum, den: project.fpsDen }) },
        scene: { number: scene.number, heading: scene.heading, beat: scene.beat },
        shots: shots.map((s) => ({ code: s.code, status: s.status, plan: s.plan })),
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
