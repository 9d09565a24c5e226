/** The handoff: scope, takes, formats and FCPXML version, handles, media; the package's contents before writing; the download. */
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { HANDOFF_FCPXML_VERSIONS, type HandoffPreview } from '@backlot/contracts';
import { useState } from 'react';
import { api, listAllScenes } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { DEFAULT_CHOICES, handoffQuery, previewQuery, zipHref, type FcpxmlVersion, type HandoffChoices } from './handoff-choices.ts';

const FORMAT_LABELS: [keyof HandoffChoices['formats'], string][] = [
  ['otio', 'OpenTimelineIO (Resolve, Kdenlive, OpenRV, cineSync)'],
  ['otioz', 'OTIO bundle (.otioz, media inside)'],
  ['edl', 'CMX 3600 EDL (standard and Premiere)'],
  ['fcpxml', 'FCPXML (Final Cut Pro, Resolve)'],
  ['mlt', 'MLT (Kdenlive, Shotcut)'],
];

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`);

export function HandoffPanel() {
  const { project } = useProject();
  const [choices, setChoices] = useState<HandoffChoices>(DEFAULT_CHOICES);
  const change = (patch: Partial<HandoffChoices>) => setChoices((c) => ({ ...c, ...patch }));
  const scenes = useQuery({ queryKey: keys.plan.scenes(project.id), queryFn: () => listAllScenes(project.id) });
  const noFormat = !Object.values(choices.formats).some(Boolean);
  const preview = useQuery({
    queryKey: keys.handoff.preview(project.id, handoffQuery(choices)),
    queryFn: () => api.handoffPreview({ params: { projectId: project.id }, query: previewQuery(choices) }),
    enabled: !noFormat,
    placeholderData: keepPreviousData,
  });
  const p = preview.data;
  const blocked = !!p && p.refusals.length > 0 && !(choices.override && choices.reason.trim());
  const toggleScene = (id: string, on: boolean) => change({ scenes: on ? [...choices.scenes, id] : choices.scenes.filter((s) => s !== id) });

  return (
    <div className="handoff">
      <Section title="What to hand off">
        <fieldset className="handoff-scenes">
          <legend>Scenes</legend>
          <label>
            <input type="checkbox" checked={choices.scenes.length === 0} onChange={(e) => e.target.checked && change({ scenes: [] })} /> Whole project
          </label>
          {(scenes.data?.scenes ?? [])
            .filter((s) => !s.omitted)
            .map((s) => (
              <label key={s.id}>
                <input type="checkbox" checked={choices.scenes.includes(s.id)} onChange={(e) => toggleScene(s.id, e.target.checked)} /> Scene {s.number} <span className="muted">{s.heading}</span>
              </label>
            ))}
        </fieldset>
        <fieldset>
          <legend>Takes</legend>
          <label>
            <input type="radio" name="takes" checked={choices.takes === 'approved'} onChange={() => change({ takes: 'approved' })} /> Approved take of each shot
          </label>
          <label>
            <input type="radio" name="takes" checked={choices.takes === 'selected'} onChange={() => change({ takes: 'selected' })} /> Selected takes of each shot
          </label>
        </fieldset>
        <fieldset>
          <legend>Formats</legend>
          {FORMAT_LABELS.map(([f, label]) => (
            <label key={f}>
              <input type="checkbox" checked={choices.formats[f]} onChange={(e) => change({ formats: { ...choices.formats, [f]: e.target.checked } })} /> {label}
            </label>
          ))}
          <label>
            FCPXML version{' '}
            <select value={choices.fcpxmlVersion} onChange={(e) => change({ fcpxmlVersion: e.target.value as FcpxmlVersion })} aria-label="FCPXML version">
              {HANDOFF_FCPXML_VERSIONS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <p className="field-hint">Editing applications refuse FCPXML newer than they know: pick the version the editor's application reads.</p>
        </fieldset>
        <fieldset>
          <legend>Media</legend>
          <label>
            Handles (frames each side){' '}
            <input
              type="number"
              min={0}
              max={1000}
              value={choices.handles}
              aria-label="Handles"
              onChange={(e) => change({ handles: Math.max(0, Math.min(1000, Number.parseInt(e.target.value || '0', 10) || 0)) })}
            />
          </label>
          <label>
            <input type="checkbox" checked={choices.proxies} onChange={(e) => change({ proxies: e.target.checked })} /> Include the review proxies
          </label>
        </fieldset>
      </Section>

      <Section title="Package contents" actions={p && <span className="muted">{`${p.fileName} · ${p.clips.length} clips · ${p.duration} · ${size(p.bytes)}`}</span>}>
        {noFormat && <Banner tone="warn">Choose at least one format.</Banner>}
        {!!preview.error && <Banner tone="error">{messageOf(preview.error)}</Banner>}
        {p && <Contents preview={p} choices={choices} change={change} />}
        {p && (
          <div className="handoff-actions">
            {blocked || p.clips.length === 0 ? (
              <span className="btn btn-primary" aria-disabled="true">
                Download package
              </span>
            ) : (
              <a className="btn btn-primary" href={zipHref(project.id, choices)} download={p.fileName}>
                Download package
              </a>
            )}
          </div>
        )}
      </Section>
    </div>
  );
}

/** The clips, files, refusals and shots left out of a package, before it is written. */
function Contents({ preview: p, choices, change }: { preview: HandoffPreview; choices: HandoffChoices; change: (patch: Partial<HandoffChoices>) => void }) {
  return (
    <>
      {p.refusals.length > 0 && (
        <Banner tone="warn">
          <p>These takes cannot be handed off while their references are at risk:</p>
          <ul>
            {p.refusals.map((r) => (
              <li key={r.takeId}>
                <code>{r.name}</code>: {r.reasons.join('; ')}
              </li>
            ))}
          </ul>
          {p.canOverride ? (
            <div className="handoff-override">
              <label>
                <input type="checkbox" checked={choices.override} onChange={(e) => change({ override: e.target.checked })} /> Hand them off anyway
              </label>
              <label>
                Reason <input type="text" value={choices.reason} onChange={(e) => change({ reason: e.target.value })} aria-label="Reason for handing off takes at risk" />
              </label>
            </div>
          ) : (
            <p>An owner or producer may hand them off anyway, with a reason.</p>
          )}
        </Banner>
      )}
      {p.clips.length === 0 ? (
        <p className="empty">
          No {p.clips.length === 0 && choices.takes === 'approved' ? 'approved' : 'selected'} takes with a picture in this scope yet. Approve a take of each shot on its takes page, then hand it off
          here.
        </p>
      ) : (
        <Table label="Clips" head={['#', 'Clip', 'Reel', 'Record in', 'Source', 'Frames', 'Markers']}>
          {p.clips.map((c, i) => (
            <tr key={c.takeId}>
              <td className="num">{i + 1}</td>
              <td className="code">{c.name}</td>
              <td className="code">{c.reel}</td>
              <td className="code">{c.recordIn}</td>
              <td className="num">{`${c.sourceIn}–${c.sourceOut - 1}`}</td>
              <td className="num">{c.frames}</td>
              <td className="num">{c.markers}</td>
            </tr>
          ))}
        </Table>
      )}
      {p.skipped.length > 0 && <p className="muted">Left out: {p.skipped.map((s) => `${s.shotCode} (${s.why})`).join(', ')}</p>}
      <details className="handoff-files">
        <summary>{`${p.files.length} files`}</summary>
        <ul>
          {p.files.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code> <span className="muted">{size(f.bytes)}</span>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
