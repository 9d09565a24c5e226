/**
 * Consent records of a real person's likeness: who, for what, until when, whether it has expired,
 * and the signed release on file. Recording one is for those who manage clearance.
 */
import { useState } from 'react';
import { calendarDayLabel, formatWhen } from '../../lib/format.ts';
import { Button } from '../../ui/button.tsx';
import { Tag } from '../../ui/tag.tsx';
import type { AssetDetail } from './asset-detail.ts';
import { RecordConsentDialog } from './record-consent.dialog.tsx';

export function ConsentsSection({ projectId, detail, manage, onChanged }: { projectId: string; detail: AssetDetail; manage: boolean; onChanged: () => void }) {
  const { asset, consents } = detail;
  const [recording, setRecording] = useState(false);
  const likeness = asset.flags.includes('likeness');
  if (!likeness && consents.length === 0) return null;
  return (
    <section className="side-panel" aria-labelledby="consents-title">
      <div className="side-panel-head">
        <h2 className="side-panel-title" id="consents-title">
          Consent
        </h2>
        {manage && likeness && (
          <Button small onClick={() => setRecording(true)}>
            Record consent
          </Button>
        )}
      </div>
      {consents.length === 0 ? (
        <p className="side-panel-text warn-text">
          No consent on record. {asset.name} shows a real person: record their signed consent before shots with {asset.name} are generated.
        </p>
      ) : (
        <ul className="consent-list" aria-label="Consent records">
          {consents.map((c) => (
            <li key={c.id} className="consent">
              <div className="consent-head">
                <strong>{c.person}</strong>
                {c.expired ? <Tag tone="danger">expired</Tag> : <Tag tone="ok">valid</Tag>}
              </div>
              <div className="consent-scope">{c.scope}</div>
              <div className={c.expired ? 'danger-text' : 'muted'}>
                {c.expired ? 'Expired on' : 'Until'} {calendarDayLabel(c.expiresOn)} <span className="mono faint">({c.expiresOn})</span>
              </div>
              <div className="faint">
                {c.hasDocument ? (
                  <>
                    Signed release on file: <span className="mono">{c.documentName ?? 'document'}</span>
                  </>
                ) : (
                  'No signed release attached'
                )}
              </div>
              <div className="faint">
                Recorded by {c.recordedBy} · {formatWhen(c.recordedAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!likeness && <p className="field-hint">{asset.name} is no longer marked as a real person's likeness; these records are kept.</p>}
      {recording && <RecordConsentDialog projectId={projectId} asset={asset} onClose={() => setRecording(false)} onChanged={onChanged} />}
    </section>
  );
}
