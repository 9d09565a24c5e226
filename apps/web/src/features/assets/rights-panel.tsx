/**
 * The rights of a reference: clearance (changed only with a reason, by those who manage
 * clearance) and its history — who, when, why — where the material comes from, and what makes it
 * sensitive.
 */
import { useState } from 'react';
import { formatWhen } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import type { AssetDetail } from './asset-detail.ts';
import { CLEARANCE_NAMES, FLAG_NAMES, SOURCE_NAMES } from '../../shared/production/asset-words.ts';
import { ChangeClearanceDialog } from './change-clearance.dialog.tsx';
import { EditRightsDialog } from './edit-rights.dialog.tsx';
import { ClearanceTag } from '../../shared/production/rights-tags.tsx';

export interface RightsPanelProps {
  projectId: string;
  detail: AssetDetail;
  /** May change clearance (clearance.manage, project open). */
  manage: boolean;
  /** May change source and flags (asset.edit, project open). */
  editable: boolean;
  onChanged: () => void;
}

export function RightsPanel({ projectId, detail, manage, editable, onChanged }: RightsPanelProps) {
  const { asset, clearanceHistory } = detail;
  const [changing, setChanging] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <section className="side-panel rights-panel" aria-labelledby="rights-title">
      <h2 className="side-panel-title" id="rights-title">
        Rights
      </h2>
      <dl className="rights-facts">
        <dt>Clearance</dt>
        <dd>
          <ClearanceTag clearance={asset.clearance} />
          {manage && (
            <Button small onClick={() => setChanging(true)}>
              Change clearance
            </Button>
          )}
        </dd>
        <dt>Source</dt>
        <dd>{SOURCE_NAMES[asset.rightsSource]}</dd>
        <dt>Shows</dt>
        <dd>{asset.flags.length ? asset.flags.map((f) => FLAG_NAMES[f]).join(' · ') : <span className="muted">nothing sensitive marked</span>}</dd>
      </dl>
      {editable && (
        <Button small variant="ghost" onClick={() => setEditing(true)}>
          Edit source and flags
        </Button>
      )}
      <h3 className="rights-subtitle">Clearance history</h3>
      {clearanceHistory.length === 0 ? (
        <p className="side-panel-text muted">Never changed: {CLEARANCE_NAMES[asset.clearance]} since it was added.</p>
      ) : (
        <ol className="clearance-history" aria-label="Clearance history">
          {clearanceHistory.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <div>
                {CLEARANCE_NAMES[e.from]} → <strong>{CLEARANCE_NAMES[e.to]}</strong>
              </div>
              <div className="history-reason">“{e.reason}”</div>
              <div className="faint">
                {e.by} · {formatWhen(e.at)}
              </div>
            </li>
          ))}
        </ol>
      )}
      {changing && <ChangeClearanceDialog projectId={projectId} asset={asset} onClose={() => setChanging(false)} onChanged={onChanged} />}
      {editing && <EditRightsDialog projectId={projectId} asset={asset} onClose={() => setEditing(false)} onChanged={onChanged} />}
    </section>
  );
}
