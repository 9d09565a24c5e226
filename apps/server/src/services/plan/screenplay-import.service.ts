/**
 * Imports a Fountain screenplay into a project's scenes: new scenes are added, matched ones updated
 * in place, imported scenes gone from the draft marked omitted (never deleted; scenes added by hand
 * stay), speaking characters drafted as character references. An import that changes scenes is a
 * new script revision (white, blue, pink, …) recording what it did to each scene. A preview says
 * all this without writing, with a token; an import given that token is refused when the project's
 * scenes (or the numbering lock) changed since. All in one transaction with its audit event; a bad
 * file writes nothing.
 */
import type { ImportPreview, ImportReport } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { parseFountain, type ParsedScreenplay } from '../../domain/screenplay/fountain.ts';
import { planImport, type ImportPlan } from '../../domain/screenplay/reimport.ts';
import { revisionColour } from '../../domain/screenplay/revisions.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { SceneRecord } from '../../ports/plan-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ScreenplayImportDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

/** An import worked out against the scenes as they are now. */
interface Planned {
  parsed: ParsedScreenplay;
  existing: SceneRecord[];
  plan: ImportPlan;
  token: string;
  known: Set<string>;
  revision: { number: number; colour: string } | null;
}

export function createScreenplayImportService(deps: ScreenplayImportDeps) {
  /** Plans the import and names the state it was planned on: the scenes, the numbering lock and the text. */
  async function planFor(repos: Repos, projectId: string, parsed: ParsedScreenplay, text: string): Promise<Planned> {
    const [existing, lock, latest, characters] = await Promise.all([
      repos.scenes.list(projectId),
      repos.revisions.numberingLock(projectId),
      repos.revisions.latestNumber(projectId),
      repos.assets.listByKind(projectId, 'character'),
    ]);
    const plan = planImport(
      existing.map((s) => ({ id: s.id, number: s.number, heading: s.heading, excerpt: s.excerpt, characters: s.characters, omitted: s.omittedAt !== null, position: s.position, origin: s.origin })),
      parsed,
      { locked: lock !== undefined },
    );
    // Any edit to a scene since the preview (its updatedAt) makes the preview stale, as does a move.
    const state = existing.map((s) => [s.id, s.number, s.heading, s.excerpt, s.characters, s.omittedAt !== null, s.position, s.origin ?? 'imported', s.updatedAt]);
    const token = deps.secrets.sha256(JSON.stringify({ scenes: state, locked: lock !== undefined, text: deps.secrets.sha256(text) }));
    const changes = plan.add.length + plan.update.length + plan.omit.length > 0;
    const revision = changes ? { number: latest + 1, colour: revisionColour(latest + 1) } : null;
    return { parsed, existing, plan, token, known: new Set(characters.map((c) => c.name)), revision };
  }

  function reportOf({ parsed, plan, known, revision }: Planned): ImportReport {
    return {
      title: parsed.title,
      revision,
      added: plan.add.map((a) => ({ number: a.number, heading: a.heading })),
      changed: plan.update.map((u) => ({ number: u.number, heading: u.heading, fields: u.fields, parts: u.parts })),
      unchanged: plan.unchanged.map((u) => ({ number: u.number, heading: u.heading })),
      omitted: plan.omit.map((o) => ({ number: o.number, heading: o.heading })),
      characters: { added: parsed.characters.filter((c) => !known.has(c)), existing: parsed.characters.filter((c) => known.has(c)) },
    };
  }

  return {
    /** What importing this text would do, and the token that applies exactly that. Writes nothing. */
    async preview(projectId: string, text: string): Promise<ImportPreview> {
      const parsed = parseFountain(text);
      const planned = await planFor(deps.store.read, projectId, parsed, text);
      return { ...reportOf(planned), previewToken: planned.token };
    },

    async importFountain(actor: Actor, projectId: string, text: string, fileName?: string, previewToken?: string): Promise<ImportReport> {
      const parsed = parseFountain(text);
      return deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const planned = await planFor(tx, projectId, parsed, text);
        if (previewToken !== undefined && previewToken !== planned.token) {
          fail(
            'screenplay.preview_stale',
            'The scenes (or the numbering lock) changed since this preview, or the file is not the one previewed. Preview the import again and check what it will change.',
            'previewToken',
          );
        }
        const { existing, plan, revision } = planned;
        const now = deps.clock.now().toISOString();
        const byId = new Map(existing.map((s) => [s.id, s]));
        const revisionId = deps.ids.next();
        const touched: { sceneId: string; revisionId: string; change: 'added' | 'changed' | 'omitted'; parts: string[] }[] = [];
        // Numbers can move between scenes in a revised draft: park the changed ones first so the unique index never sees a clash.
        for (const u of plan.update) if (u.changes.number !== undefined) await tx.scenes.update(u.id, { number: `~${u.id}` });
        for (const a of plan.add) {
          const id = deps.ids.next();
          await tx.scenes.insert({
            id,
            projectId,
            number: a.number,
            heading: a.heading,
            beat: '',
            excerpt: a.excerpt,
            characters: a.characters,
            position: a.position,
            omittedAt: null,
            createdAt: now,
            updatedAt: now,
            origin: 'imported',
          });
          touched.push({ sceneId: id, revisionId, change: 'added', parts: [] });
        }
        for (const u of plan.update) {
          const { omitted, ...fields } = u.changes;
          await tx.scenes.update(u.id, { ...fields, ...(omitted === false ? { omittedAt: null } : {}), position: u.position, updatedAt: now });
          touched.push({ sceneId: u.id, revisionId, change: 'changed', parts: u.parts });
        }
        for (const u of plan.unchanged) if (byId.get(u.id)?.position !== u.position) await tx.scenes.update(u.id, { position: u.position });
        for (const o of plan.omit) {
          await tx.scenes.update(o.id, { omittedAt: now, position: o.position, updatedAt: now });
          touched.push({ sceneId: o.id, revisionId, change: 'omitted', parts: [] });
        }

        const report = reportOf(planned);
        for (const name of report.characters.added) {
          await tx.assets.insert({ id: deps.ids.next(), projectId, kind: 'character', name, status: 'draft', clearance: 'uncleared', source: 'script', createdAt: now, updatedAt: now });
        }
        if (revision) {
          await tx.revisions.insert(
            {
              id: revisionId,
              projectId,
              number: revision.number,
              colour: revision.colour,
              fileName: fileName ?? null,
              title: parsed.title,
              authorId: actor.accountId,
              authorName: actor.name,
              added: plan.add.length,
              changed: plan.update.length,
              omitted: plan.omit.length,
              createdAt: now,
            },
            touched,
          );
        }
        const as = revision ? ` as revision ${revision.number} (${revision.colour})` : '';
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'screenplay.imported',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} imported ${fileName ?? 'a screenplay'}${parsed.title ? ` (“${parsed.title}”)` : ''}${as}: ${report.added.length} scenes added, ${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.omitted.length} omitted; ${report.characters.added.length} new characters`,
          data: { fileName, revision: revision?.number ?? null, added: report.added.length, changed: report.changed.length, omitted: report.omitted.length, characters: report.characters.added },
        });
        return report;
      });
    },

    /** Characters drafted from the script, with the scenes each appears in. */
    async characters(projectId: string) {
      const [assets, scenes] = await Promise.all([deps.store.read.assets.listByKind(projectId, 'character'), deps.store.read.scenes.list(projectId)]);
      return assets.map((a) => ({ ...a, scenes: scenes.filter((s) => s.characters.includes(a.name)).map((s) => s.number) }));
    },
  };
}

export type ScreenplayImportService = ReturnType<typeof createScreenplayImportService>;
