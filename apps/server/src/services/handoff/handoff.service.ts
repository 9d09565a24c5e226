/**
 * Editorial handoff (DESIGN.md §6): what a package holds before it is written (clips, names,
 * durations, refusals), and the package itself — media under predictable names, OTIO, EDL (both
 * styles), FCPXML at the chosen version, MLT, an `.otioz` bundle by choice, and the provenance
 * manifest — streamed as a zip. Takes whose references are at risk are refused naming the asset
 * unless an owner or producer overrides with a reason; each export is audited.
 */
import { frameToTimecode, type HandoffFormat, type HandoffPreview, type HandoffQuery, type Role } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { writeEdl, writeFcpxml, writeMlt, writeOtio, type FcpxmlVersion } from '../../domain/handoff/index.ts';
import { manifestCsv, manifestJson, type Manifest } from '../../domain/handoff/handoff-manifest.ts';
import { sceneCode } from '../../domain/handoff/handoff-names.ts';
import type { HandoffTimeline } from '../../domain/handoff/handoff-timeline.ts';
import { recordOffsets } from '../../domain/handoff/handoff-timeline.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { assertRiskOverride } from '../../domain/review/review.rules.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import type { ZipEntry, ZipWriter } from '../../ports/zip-writer.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { buildHandoff, recordTimecode, type HandoffBuild, type HandoffRequest, type TakeRightsReader } from './handoff-build.ts';

export interface HandoffDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
  zip: ZipWriter;
  takeRights: TakeRightsReader;
}

/** The OTIO bundle's version, written in its `version.txt`. */
const OTIOZ_VERSION = '1.0.0';

/** The request a query makes. */
export function handoffRequestOf(query: Pick<HandoffQuery, 'scenes' | 'takes' | 'handles'>): HandoffRequest {
  return { scope: query.scenes ? { kind: 'scenes', sceneIds: query.scenes } : { kind: 'project' }, takes: query.takes, handles: query.handles };
}

/** The package's name: `PROJ_SC001`, `PROJ_SC001_SC002`, `PROJ_5_SCENES`, `PROJ_ALL`. */
export function packageBaseName(build: Pick<HandoffBuild, 'project' | 'scenes'>, scoped: boolean): string {
  if (!scoped) return `${build.project.code}_ALL`;
  if (build.scenes.length > 3) return `${build.project.code}_${build.scenes.length}_SCENES`;
  return [build.project.code, ...build.scenes.map((s) => sceneCode(s.number))].join('_');
}

/** The same timeline with its media flattened into the bundle's `media/` folder (OTIO bundles keep one flat folder). */
function bundledTimeline(t: HandoffTimeline): HandoffTimeline {
  return { ...t, clips: t.clips.map((c) => ({ ...c, media: { ...c.media, path: `media/${c.media.path.split('/').pop()}` } })) };
}

/** The text files of the package, in writing order: timelines in the formats asked, then the manifest. */
function textFiles(build: HandoffBuild, base: string, formats: readonly HandoffFormat[], fcpxmlVersion: FcpxmlVersion, manifest: Manifest): { path: string; text: string }[] {
  const t = build.timeline;
  const files: { path: string; text: string }[] = [];
  if (formats.includes('otio')) files.push({ path: `${base}.otio`, text: writeOtio(t) });
  if (formats.includes('edl')) {
    files.push({ path: `${base}.edl`, text: writeEdl(t, { style: 'standard' }) });
    files.push({ path: `${base}.premiere.edl`, text: writeEdl(t, { style: 'premiere' }) });
  }
  if (formats.includes('fcpxml')) files.push({ path: `${base}.fcpxml`, text: writeFcpxml(t, { version: fcpxmlVersion }) });
  if (formats.includes('mlt')) files.push({ path: `${base}.mlt`, text: writeMlt(t) });
  files.push({ path: 'manifest.json', text: manifestJson(manifest) });
  files.push({ path: 'manifest.csv', text: manifestCsv(manifest) });
  return files;
}

/** Every media file of the package, once, in record order: originals, the proxies the timelines use, all proxies by choice. */
function mediaFiles(build: HandoffBuild, proxies: boolean) {
  const files: { path: string; sha256: string; bytes: number }[] = [];
  for (const c of build.clips) files.push(c.original);
  for (const c of build.clips) if (proxies || c.conformed) files.push(c.proxy);
  return files;
}

export function createHandoffService(deps: HandoffDeps) {
  const read = deps.store.read;
  const timeline = (projectId: string, role: Role, request: HandoffRequest) => buildHandoff({ read, blobs: deps.blobs, takeRights: deps.takeRights }, projectId, role, request);
  const build = (projectId: string, role: Role, query: HandoffQuery) => timeline(projectId, role, handoffRequestOf(query));

  /** The manifest of a build, as made now by this member. */
  function manifestOf(b: HandoffBuild, query: HandoffQuery, madeBy: string, override: Manifest['handoff']['override']): Manifest {
    return {
      project: { code: b.project.code, name: b.project.name, rate: `${b.project.fpsNum}/${b.project.fpsDen}`, timecode: b.project.timecodeMode },
      handoff: {
        name: b.timeline.name,
        scope: query.scenes ? `scenes ${b.scenes.map((s) => s.number).join(', ')}` : 'whole project',
        takes: query.takes,
        handles: query.handles,
        madeAt: deps.clock.now().toISOString(),
        madeBy,
        override,
      },
      clips: b.clips.map((c) => c.provenance),
    };
  }

  /** The package's files with their sizes and the zip entries that write them (nothing is read from storage until streamed). */
  function packageOf(b: HandoffBuild, query: HandoffQuery, manifest: Manifest): { base: string; files: { path: string; bytes: number }[]; entries: ZipEntry[] } {
    const base = packageBaseName(b, !!query.scenes);
    const texts = textFiles(b, base, query.formats, query.fcpxmlVersion, manifest);
    const media = mediaFiles(b, query.proxies);
    const entries: ZipEntry[] = [
      ...media.map((m): ZipEntry => ({ path: `${base}/${m.path}`, size: m.bytes, open: () => deps.blobs.get(m.sha256) })),
      ...texts.map((f): ZipEntry => ({ path: `${base}/${f.path}`, text: f.text })),
    ];
    const files = [...media.map((m) => ({ path: m.path, bytes: m.bytes })), ...texts.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text, 'utf8') }))];
    if (query.formats.includes('otioz')) {
      // The bundle: version.txt, content.otio, then its media, flat (OTIO's file bundle layout).
      const bundled = b.clips.map((c) => (c.conformed ? c.proxy : c.original));
      const inner: ZipEntry[] = [
        { path: 'version.txt', text: OTIOZ_VERSION },
        { path: 'content.otio', text: writeOtio(bundledTimeline(b.timeline)) },
        ...bundled.map((m): ZipEntry => ({ path: `media/${m.path.split('/').pop()}`, size: m.bytes, open: () => deps.blobs.get(m.sha256) })),
      ];
      entries.push({ path: `${base}/${base}.otioz`, size: null, open: async () => deps.zip.write(inner).stream });
      files.push({ path: `${base}.otioz`, bytes: bundled.reduce((n, m) => n + m.bytes, 0) });
    }
    return { base, files, entries };
  }

  return {
    /** The timeline and its clips for a scope, as the member may see them (what a cut is compared against). */
    timeline,

    /**
     * What the package would hold, before anything is written: clips with names, reels, ranges,
     * record timecodes and markers, every file with its size, the takes refused for rights and the
     * shots left out. Changes nothing.
     */
    async preview(projectId: string, role: Role, query: HandoffQuery): Promise<HandoffPreview> {
      const b = await build(projectId, role, query);
      const { base, files } = packageOf(b, query, manifestOf(b, query, '', null));
      const t = b.timeline;
      const offsets = recordOffsets(t);
      const frames = t.clips.reduce((n, c) => n + c.sourceOut - c.sourceIn, 0);
      return {
        name: t.name,
        projectCode: t.projectCode,
        rate: `${t.rate.num}/${t.rate.den}`,
        timecode: t.timecode,
        recordStart: recordTimecode(t, 0),
        frames,
        duration: frameToTimecode(frames, t.rate, t.timecode),
        clips: b.clips.map((c, i) => ({
          name: c.clip.name,
          reel: c.clip.reel,
          takeId: c.clip.takeId,
          shotId: c.clip.shotId,
          sceneNumber: c.sceneNumber,
          shotCode: c.clip.shotCode,
          takeCode: c.clip.takeCode,
          review: c.review,
          sourceIn: c.clip.sourceIn,
          sourceOut: c.clip.sourceOut,
          frames: c.clip.sourceOut - c.clip.sourceIn,
          recordIn: recordTimecode(t, offsets[i]),
          media: { path: c.clip.media.path, frames: c.clip.media.frames, conformed: c.conformed },
          markers: c.clip.markers.length,
        })),
        files,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        refusals: b.refusals,
        canOverride: roleMay(role, 'review.override'),
        skipped: b.skipped,
        fileName: `${base}.zip`,
      };
    },

    /**
     * The package as a zip stream (its exact size when known). Refuses an empty handoff and takes
     * at risk (unless overridden by an owner or producer with a reason); audits the export before
     * the first byte is sent.
     */
    async exportZip(actor: Actor, role: Role, projectId: string, query: HandoffQuery): Promise<{ fileName: string; stream: NodeJS.ReadableStream; size: Promise<number | null> }> {
      const b = await build(projectId, role, query);
      if (!b.clips.length)
        fail(
          'handoff.empty',
          `Nothing to hand off: ${b.skipped.length ? `${b.skipped.map((s) => s.shotCode).join(', ')} ${b.skipped.length === 1 ? 'has' : 'have'} no ${query.takes} take with a picture` : 'the scope has no shots'}.`,
        );
      const risks = b.refusals.length === 1 ? b.refusals[0].reasons : b.refusals.map((r) => `${r.name}: ${r.reasons.join('; ')}`);
      const reason = query.reason?.trim() || null;
      const overridden = assertRiskOverride({
        risks,
        override: query.override,
        reason,
        role,
        mayOverride: roleMay(role, 'review.override'),
        subject: b.refusals.map((r) => r.name).join(', '),
        done: 'handed off',
        doIt: b.refusals.length === 1 ? 'hand it off' : 'hand them off',
        doing: 'hand off',
        codes: { atRisk: 'handoff.at_risk', denied: 'handoff.override_denied' },
      });
      const manifest = manifestOf(b, query, actor.name, overridden ? { reason: reason!, risks } : null);
      const pkg = packageOf(b, query, manifest);
      const bytes = pkg.files.reduce((n, f) => n + f.bytes, 0);
      await deps.store.transaction((tx) =>
        appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: overridden ? 'handoff.exported_with_override' : 'handoff.exported',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} handed off ${b.timeline.name}: ${b.clips.length} clip${b.clips.length === 1 ? '' : 's'} (${query.formats.join(', ')}${query.formats.includes('fcpxml') ? ` FCPXML ${query.fcpxmlVersion}` : ''}), ${bytes} bytes${overridden ? `, overriding a rights risk (${risks.join('; ')}): ${reason}` : ''}`,
          data: {
            package: pkg.base,
            clips: b.clips.map((c) => c.clip.name),
            // Retention never purges a take handed off: it reads these ids (and, in older events, the clip names).
            takeIds: b.clips.map((c) => c.clip.takeId),
            formats: query.formats,
            fcpxmlVersion: query.fcpxmlVersion,
            takes: query.takes,
            handles: query.handles,
            proxies: query.proxies,
            override: overridden,
            ...(overridden ? { reason, risks } : {}),
          },
        }),
      );
      const { stream, size } = deps.zip.write(pkg.entries);
      return { fileName: `${pkg.base}.zip`, stream, size };
    },
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;
