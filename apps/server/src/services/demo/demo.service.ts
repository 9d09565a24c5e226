/**
 * The sample project, built for a new member to see the whole flow: a project they own, an
 * imported screenplay, scenes with their beats, complete shot plans, reference stills drawn
 * locally (cleared and locked) on those plans, and previs takes queued for the worker. Every step
 * goes through the service that owns it, so each is checked and audited like a member's own.
 */
import type { DemoResult, PlanReference } from '@backlot/contracts';
import { ShotPlan } from '@backlot/contracts';
import type { z } from 'zod';
import { DomainError, fail } from '../../domain/errors.ts';
import type { ProjectRecord } from '../../ports/store.ts';
import type { Actor } from '../audit/audit-append.ts';
import type { GenerateService } from '../generate/generate.service.ts';
import type { ReferencesService } from '../assets/references.service.ts';
import type { ScenesService } from '../plan/scenes.service.ts';
import type { ScreenplayImportService } from '../plan/screenplay-import.service.ts';
import type { ShotsService } from '../plan/shots.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { DEMO_CHARACTER, DEMO_SCENES, DEMO_SCREENPLAY } from './demo-screenplay.ts';
import type { MadeReference, StillReferences } from './still-references.ts';

/** The services each step goes through (only the calls it makes), and the stills maker. */
export interface DemoDeps {
  projects: Pick<ProjectsService, 'create'>;
  screenplay: Pick<ScreenplayImportService, 'importFountain'>;
  scenes: Pick<ScenesService, 'list' | 'update'>;
  shots: Pick<ShotsService, 'create'>;
  references: Pick<ReferencesService, 'set'>;
  generate: Pick<GenerateService, 'generate'>;
  /** Draws a still and makes it a cleared, locked reference version. */
  stills: Pick<StillReferences, 'make'>;
}

/**
 * The sample's settings. 960×540 rather than 720p: rendering and ingesting its nine takes (proxy,
 * poster, filmstrip, continuity) costs about a fifth less, so the whole sample is ready in about
 * twenty seconds on two idle cores.
 */
export const DEMO_PROJECT = {
  name: 'Backlot Demo — Night Shift',
  code: 'DEMO',
  frameRate: '24/1',
  timecodeMode: 'ndf',
  resolution: { width: 960, height: 540 },
  currency: 'USD',
  budget: '100.00',
} as const;

/** Takes queued: three of the first shot (to compare), one of each other shot. */
const TAKES_OF_FIRST_SHOT = 3;
const CLEARANCE_REASON = 'made for the demo';
const PREVIS = { provider: 'previs', model: 'previs-animatic' } as const;

/** Builds sample projects. */
export function createDemoService(deps: DemoDeps) {
  /** Creates the project under DEMO, or DEMO2, DEMO3… when the code is taken. */
  async function createProject(actor: Actor & { accountId: string }): Promise<ProjectRecord> {
    for (let n = 1; n < 100; n++) {
      const code = n === 1 ? DEMO_PROJECT.code : `${DEMO_PROJECT.code}${n}`;
      try {
        return await deps.projects.create(actor, { ...DEMO_PROJECT, code, resolution: { ...DEMO_PROJECT.resolution } });
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'project.code_taken')) throw err;
      }
    }
    return fail('project.code_taken', 'The codes DEMO to DEMO99 are all taken by earlier sample projects; close one and build it again.', 'code');
  }

  return {
    /**
     * Builds the sample project as `actor`, who owns it. Answers once its takes are queued; the
     * worker renders them. A failure part-way leaves what was built, owned by the actor, on record.
     */
    async build(actor: Actor & { accountId: string }): Promise<z.infer<typeof DemoResult>> {
      const project = await createProject(actor);
      await deps.screenplay.importFountain(actor, project.id, DEMO_SCREENPLAY, 'night-shift.fountain');
      const scenes = new Map((await deps.scenes.list(project.id)).map((s) => [s.number, s]));
      const size = { width: project.width, height: project.height };

      // The stills are drawn and uploaded side by side: each is a few hundred milliseconds of sharp.
      const [character, ...locations] = await Promise.all([
        deps.stills.make(actor, project.id, {
          kind: 'character',
          name: DEMO_CHARACTER.name,
          notes: 'Nell, the night guard: a silhouette drawn by Backlot for the sample project.',
          tags: ['demo'],
          clearanceReason: CLEARANCE_REASON,
          still: { ...size, title: DEMO_CHARACTER.name, palette: DEMO_CHARACTER.palette, seed: 1, subject: 'figure' },
        }),
        ...DEMO_SCENES.map((scene, i) => {
          const heading = scenes.get(scene.number)?.heading ?? scene.location.name;
          return deps.stills.make(actor, project.id, {
            kind: 'location',
            name: scene.location.name,
            notes: `${heading}: a still drawn by Backlot for the sample project.`,
            tags: ['demo'],
            clearanceReason: CLEARANCE_REASON,
            still: { ...size, title: heading, palette: scene.location.palette, seed: 100 + i, subject: 'set' },
          });
        }),
      ]);
      const cast = new Map<string, MadeReference>([[DEMO_CHARACTER.name, character]]);

      const planned: string[] = [];
      for (const [i, scene] of DEMO_SCENES.entries()) {
        const record = scenes.get(scene.number) ?? fail('scene.not_found', `The sample screenplay has no scene ${scene.number}.`);
        await deps.scenes.update(actor, project.id, record.id, { beat: scene.beat });
        const location = locations[i];
        for (const s of scene.shots) {
          const shot = await deps.shots.create(actor, project.id, record.id, { plan: ShotPlan.parse(s.plan) });
          const at = (ref: MadeReference, role: PlanReference['role']): PlanReference => ({ assetId: ref.assetId, version: ref.version, role });
          const refs = [at(location, 'location'), ...s.cast.flatMap((name) => (cast.has(name) ? [at(cast.get(name)!, 'character')] : []))];
          // The first shot starts on its location still, so previs frames from it and continuity compares with it.
          if (planned.length === 0) refs.unshift(at(location, 'start-frame'));
          await deps.references.set(actor, project.id, shot.id, refs, shot.planVersion);
          planned.push(shot.id);
        }
      }

      const takeIds: string[] = [];
      for (const [i, shotId] of planned.entries()) {
        const takes = await deps.generate.generate(actor, 'owner', project.id, shotId, { ...PREVIS, count: i === 0 ? TAKES_OF_FIRST_SHOT : 1, settings: {} });
        takeIds.push(...takes.map((t) => t.id));
      }
      return { projectId: project.id, code: project.code, takeIds };
    },
  };
}

/** The sample-project service. */
export type DemoService = ReturnType<typeof createDemoService>;
