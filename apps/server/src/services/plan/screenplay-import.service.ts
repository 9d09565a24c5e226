/**
 * Imports a Fountain screenplay into a project's scenes: new scenes are added, matched ones updated
 * in place, scenes gone from the draft marked omitted (never deleted), speaking characters drafted
 * as character references. All in one transaction with its audit event; a bad file writes nothing.
 */
import type { ImportReport } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { parseFountain } from '../../domain/screenplay/fountain.ts';
import { planImport } from '../../domain/screenplay/reimport.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ScreenplayImportDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export function createScreenplayImportService(deps: ScreenplayImportDeps) {
  return {
    async importFountain(actor: Actor, projectId: string, text: string, fileName?: string): Promise<ImportReport> {
      const parsed = parseFountain(text);
      return deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const existing = await tx.scenes.list(projectId);
        const plan = planImport(
          existing.map((s) => ({ id: s.id, number: s.number, heading: s.heading, excerpt: s.excerpt, characters: s.characters, omitted: s.omittedAt !== null, position: s.position })),
          parsed,
        );
        const now = deps.clock.now().toISOString();
        const byId = new Map(existing.map((s) => [s.id, s]));
        // Numbers can move between scenes in a revised draft: park the changed ones first so the unique index never sees a clash.
        for (const u of plan.update) if (u.changes.number !== undefined) await tx.scenes.update(u.id, { number: `~${u.id}` });
        for (const a of plan.add) {
          await tx.scenes.insert({ id: deps.ids.next(), projectId, number: a.number, heading: a.heading, beat: '', excerpt: a.excerpt, characters: a.characters, position: a.position, omittedAt: null, createdAt: now, updatedAt: now });
        }
        for (const u of plan.update) {
          const { omitted, ...fields } = u.changes;
          await tx.scenes.update(u.id, { ...fields, ...(omitted === false ? { omittedAt: null } : {}), position: u.position, updatedAt: now });
        }
        for (const u of plan.unchanged) if (byId.get(u.id)?.position !== u.position) await tx.scenes.update(u.id, { position: u.position });
        for (const o of plan.omit) await tx.scenes.update(o.id, { omittedAt: now, position: o.position, updatedAt: now });

        const known = new Set((await tx.assets.listByKind(projectId, 'character')).map((c) => c.name));
        const added = parsed.characters.filter((c) => !known.has(c));
        for (const name of added) {
          await tx.assets.insert({ id: deps.ids.next(), projectId, kind: 'character', name, status: 'draft', clearance: 'uncleared', source: 'script', createdAt: now, updatedAt: now });
        }
        const report: ImportReport = {
          title: parsed.title,
          added: plan.add.map((a) => ({ number: a.number, heading: a.heading })),
          changed: plan.update.map((u) => ({ number: u.number, heading: u.heading, fields: u.fields })),
          unchanged: plan.unchanged.map((u) => ({ number: u.number, heading: u.heading })),
          omitted: plan.omit.map((o) => ({ number: o.number, heading: o.heading })),
          characters: { added, existing: parsed.characters.filter((c) => known.has(c)) },
        };
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'screenplay.imported',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} imported ${fileName ?? 'a screenplay'}${parsed.title ? ` (“${parsed.title}”)` : ''}: ${report.added.length} scenes added, ${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.omitted.length} omitted; ${added.length} new characters`,
          data: { fileName, added: report.added.length, changed: report.changed.length, omitted: report.omitted.length, characters: added },
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
