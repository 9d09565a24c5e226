/** Scenes, shots and shot plans. */
import type { FastifyInstance } from 'fastify';
import { SceneParams, ShotPlan } from '@backlot/contracts';
import type { SceneRecord, ShotView } from '../../ports/plan-store.ts';
import { presentScene, presentShot } from '../../services/plan/plan-presenter.ts';
import { defineRoute } from '../define-route.ts';
import { actorOf, type RouteContext } from './context.ts';

/** Where the page after this one starts, or null when this one reaches the end. */
function nextOffset(offset: number, page: { items: unknown[]; total: number }): number | null {
  const end = offset + page.items.length;
  return page.items.length > 0 && end < page.total ? end : null;
}

export function registerPlanRoutes(app: FastifyInstance, { services }: RouteContext) {
  const { scenes, shots } = services;
  /** Shots with the rights of their references, worked out now (never stale). */
  const present = async (projectId: string, list: ShotView[]) => {
    const rights = await services.rights.forShots(
      projectId,
      list.map((s) => s.id),
    );
    return list.map((s) => presentShot(s, rights.get(s.id)));
  };
  const presentOne = async (projectId: string, shot: ShotView) => (await present(projectId, [shot]))[0];
  /** Scenes with the script revisions that touched each. */
  const presentScenes = async (projectId: string, list: (SceneRecord & { shotCount?: number })[]) => {
    const marks = await services.revisions.marks(
      projectId,
      list.map((s) => s.id),
    );
    return list.map((s) => presentScene(s, marks.get(s.id) ?? []));
  };
  const presentOneScene = async (projectId: string, scene: SceneRecord & { shotCount?: number }) => (await presentScenes(projectId, [scene]))[0];
  const sceneList = async (projectId: string) => ({ scenes: await presentScenes(projectId, await scenes.list(projectId)) });

  defineRoute(app, 'listScenes', async ({ params, query }) => {
    const page = await scenes.page(params.projectId, query);
    return { scenes: await presentScenes(params.projectId, page.items), total: page.total, next: nextOffset(query.offset, page) };
  });

  defineRoute(app, 'createScene', async ({ params, body, request }) => presentOneScene(params.projectId, await scenes.create(actorOf(request), params.projectId, body)));

  defineRoute(app, 'getScene', async ({ params }) => presentOneScene(params.projectId, await scenes.getWithCount(params.projectId, params.sceneId)));

  defineRoute(app, 'updateScene', async ({ params, body, request }) => presentOneScene(params.projectId, await scenes.update(actorOf(request), params.projectId, params.sceneId, body)));

  defineRoute(app, 'reorderScenes', async ({ params, body, request }) => {
    await scenes.reorder(actorOf(request), params.projectId, body.ids);
    return sceneList(params.projectId);
  });

  defineRoute(app, 'listShots', async ({ params, query }) => {
    const page = await shots.page(params.projectId, query);
    return { shots: await present(params.projectId, page.items), total: page.total, next: nextOffset(query.offset, page) };
  });

  defineRoute(app, 'createShot', async ({ params, body, request }) =>
    presentOne(params.projectId, await shots.create(actorOf(request), params.projectId, params.sceneId, { code: body.code, plan: body.plan ?? ShotPlan.parse({}), afterShotId: body.afterShotId })),
  );

  defineRoute(app, 'reorderShots', async ({ params, body, request }) => {
    await shots.reorder(actorOf(request), params.projectId, params.sceneId, body.ids);
    return { shots: await present(params.projectId, await shots.list(params.projectId, params.sceneId)) };
  });

  defineRoute(app, 'getShot', async ({ params }) => presentOne(params.projectId, await shots.get(params.projectId, params.shotId)));

  defineRoute(app, 'updateShot', async ({ params, body, request }) => presentOne(params.projectId, await shots.update(actorOf(request), params.projectId, params.shotId, body)));

  defineRoute(app, 'savePlan', async ({ params, body, request }) => presentOne(params.projectId, await shots.savePlan(actorOf(request), params.projectId, params.shotId, body)));

  defineRoute(app, 'lockPlan', async ({ params, request }) => presentOne(params.projectId, await shots.setLocked(actorOf(request), params.projectId, params.shotId, true)));

  defineRoute(app, 'unlockPlan', async ({ params, request }) => presentOne(params.projectId, await shots.setLocked(actorOf(request), params.projectId, params.shotId, false)));

  defineRoute(app, 'planVersions', async ({ params }) => ({
    versions: (await shots.versions(params.projectId, params.shotId)).map((v) => ({
      version: v.version,
      author: { id: v.authorId, name: v.authorName },
      at: v.createdAt,
      note: v.note,
      changed: v.changed,
    })),
  }));

  defineRoute(app, 'planDiff', async ({ params, query }) => shots.diff(params.projectId, params.shotId, query.from, query.to));

  defineRoute(app, 'importFountain', async ({ params, body, request }) => services.screenplay.importFountain(actorOf(request), params.projectId, body.text, body.fileName, body.previewToken));

  defineRoute(app, 'previewFountainImport', async ({ params, body }) => services.screenplay.preview(params.projectId, body.text));

  defineRoute(app, 'listRevisions', async ({ params }) => services.revisions.list(params.projectId));

  defineRoute(app, 'getSceneNumbering', async ({ params }) => services.revisions.numbering(params.projectId));

  defineRoute(app, 'setSceneNumbering', async ({ params, body, request }) => services.revisions.setNumbering(actorOf(request), params.projectId, body.locked));

  defineRoute(app, 'listCharacters', async ({ params }) => ({
    characters: (await services.screenplay.characters(params.projectId)).map((c) => ({ id: c.id, name: c.name, status: c.status, clearance: c.clearance, scenes: c.scenes })),
  }));

  defineRoute(app, 'exportShotList', async ({ params, query }) => services.shotList.export(params.projectId, query.format, query.sceneId));

  defineRoute(app, 'importShotList', async ({ params, body, request }) => services.shotList.import(actorOf(request), params.projectId, body.format, body.content));

  defineRoute(app, 'draftCoverage', async ({ params, body }) => services.coverage.draft(params.projectId, params.sceneId, body.useAssistant));
}

/** The storyboard PDF: a file, not JSON, so it is registered here with its action rather than from the endpoint table. */
export function registerStoryboardRoutes(app: FastifyInstance, { services }: RouteContext) {
  app.get<{ Params: { projectId: string; sceneId: string } }>(
    '/api/v1/projects/:projectId/scenes/:sceneId/storyboard.pdf',
    { config: { action: 'project.read' }, schema: { summary: "A scene's storyboard as PDF", tags: ['projects'], params: SceneParams } },
    async (request, reply) => {
      const { pdf, fileName } = await services.storyboard.pdf(request.params.projectId, request.params.sceneId);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName}"`).send(Buffer.from(pdf));
    },
  );
}
