/**
 * Picks a reference for a shot's plan: search the library, choose a reference, the version (its
 * locked version unless told otherwise, else its latest) and the role it plays in the shot.
 */
import { REFERENCE_ROLES, type Asset, type PlanReference, type ReferenceRole } from '@backlot/contracts';
import { useMemo, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { AssetThumb } from '../../shared/production/asset-card.tsx';
import { defaultRole, KIND_NAMES, preferredVersion, ROLE_NAMES } from '../../shared/production/asset-words.ts';
import { ClearanceTag, LockLabel, RiskTag } from '../../shared/production/rights-tags.tsx';

export interface AttachReferenceDialogProps {
  projectId: string;
  shotCode: string;
  /** The plan's references now, so the same reference is not attached twice in one role. */
  current: PlanReference[];
  /** Saves the plan with the reference added; the dialog closes when it is saved. */
  onAttach: (reference: PlanReference) => Promise<boolean>;
  onClose: () => void;
}

function matches(asset: Asset, words: string): boolean {
  const q = words.trim().toLowerCase();
  if (!q) return true;
  return [asset.name, KIND_NAMES[asset.kind], ...asset.tags].some((t) => t.toLowerCase().includes(q));
}

/** " — locked, latest" beside a version in the list. */
function versionNote(version: number, asset: Asset): string {
  const notes = [version === asset.lockedVersion ? 'locked' : '', version === asset.currentVersion ? 'latest' : ''].filter(Boolean);
  return notes.length ? ` — ${notes.join(', ')}` : '';
}

export function AttachReferenceDialog({ projectId, shotCode, current, onAttach, onClose }: AttachReferenceDialogProps) {
  const library = useLoad(keys.assets.list(projectId), () => api.listAssets({ params: { projectId } }));
  const [words, setWords] = useState('');
  const [picked, setPicked] = useState<Asset>();
  const [version, setVersion] = useState(1);
  const [role, setRole] = useState<ReferenceRole>('character');
  const attach = useAction(async () => {
    if (!picked) return false;
    const ok = await onAttach({ assetId: picked.id, version, role });
    if (ok) onClose();
    return ok;
  });

  const shown = useMemo(() => (library.data?.assets ?? []).filter((a) => matches(a, words)), [library.data, words]);
  const pick = (a: Asset) => {
    setPicked(a);
    setVersion(preferredVersion(a));
    setRole(defaultRole(a.kind));
    attach.clearError();
  };
  const twice = picked && current.some((r) => r.assetId === picked.id && r.role === role);

  return (
    <Dialog
      title={`Attach a reference to ${shotCode}`}
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!picked || !!twice || picked.currentVersion === 0} pending={attach.pending} onClick={() => void attach.run()}>
            {picked ? `Attach ${picked.name} v${version}` : 'Attach'}
          </Button>
        </>
      }
    >
      <input
        className="input"
        type="search"
        aria-label="Search the references"
        placeholder="Search by name, kind or tag"
        autoFocus
        value={words}
        onChange={(e) => setWords(e.target.value)}
        onKeyDown={(e) => {
          // Enter picks the first match, so a name and Enter is enough.
          if (e.key === 'Enter' && shown[0]) {
            e.preventDefault();
            pick(shown[0]);
          }
        }}
      />
      {library.error && !library.data ? <LoadError error={library.error} retry={library.reload} /> : null}
      {!library.data && !library.error && <Loading what="Loading the references" />}
      {library.data && library.data.assets.length === 0 && <p className="muted">The library has no references yet; add them under Assets first.</p>}
      {library.data && library.data.assets.length > 0 && (
        <div className="picker-list" role="radiogroup" aria-label="References">
          {shown.length === 0 && <p className="muted picker-none">No reference matches “{words}”.</p>}
          {shown.map((a) => (
            <label key={a.id} className={a.id === picked?.id ? 'picker-item picker-item-on' : 'picker-item'}>
              <input type="radio" name="reference" className="visually-hidden" checked={a.id === picked?.id} onChange={() => pick(a)} disabled={a.currentVersion === 0} />
              <AssetThumb url={a.thumbnailUrl} kind={a.kind} className="ref-thumb" />
              <span className="picker-text">
                <span className="picker-name">{a.name}</span>
                <span className="muted picker-meta">
                  {KIND_NAMES[a.kind]} · <LockLabel lockedVersion={a.lockedVersion} currentVersion={a.currentVersion} />
                </span>
              </span>
              <span className="picker-tags">
                <ClearanceTag clearance={a.clearance} />
                <RiskTag rights={a.rights} />
              </span>
            </label>
          ))}
        </div>
      )}
      {picked && (
        <div className="field-row">
          <label className="field">
            <span className="field-label">Version</span>
            <select className="select" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
              {Array.from({ length: picked.currentVersion }, (_, i) => picked.currentVersion - i).map((v) => (
                <option key={v} value={v}>
                  {`v${v}${versionNote(v, picked)}`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Role in the shot</span>
            <select className="select" value={role} onChange={(e) => setRole(e.target.value as ReferenceRole)}>
              {REFERENCE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {picked && picked.lockedVersion === null && <p className="field-hint warn-text">{picked.name} has no locked version yet; the plan will say so until one is locked.</p>}
      {picked?.rights.atRisk && (
        <Banner tone="error">
          {picked.name} is at risk: {picked.rights.reasons.join('; ')}. The shot will be at risk too.
        </Banner>
      )}
      {twice && (
        <Banner tone="warn">
          {picked.name} is already attached as {ROLE_NAMES[role].toLowerCase()}; choose another role or another reference.
        </Banner>
      )}
      {attach.error ? <Banner tone="error">{messageOf(attach.error)}</Banner> : null}
    </Dialog>
  );
}
