/**
 * Consent records of a real person's likeness: who, for what, until when, whether it has expired
 * or was withdrawn, the signed release on file, and every change since it was recorded. Recording,
 * editing and withdrawing one is for those who manage clearance.
 */
import { useState } from 'react';
import { calendarDayLabel, formatDay, formatWhen, providerName } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import type { AssetDetail } from './asset-detail.ts';
import { EditConsentDialog } from './edit-consent.dialog.tsx';
import { RecordConsentDialog } from './record-consent.dialog.tsx';
import { WithdrawConsentDialog } from './withdraw-consent.dialog.tsx';

type Consent = AssetDetail['consents'][number];

const FIELD_NAMES = { person: 'person', scope: 'scope', expiresOn: 'expiry' } as const;

/** "Seedance asset registered 3 Dec 2026 / deleted 6 Dec 2026", and a deletion still failing. */
function providerAssetLine(p: Consent['providerAssets'][number]): string {
  const name = `${providerName(p.provider)} asset`;
  if (p.state === 'failed') return `${name} refused by ${providerName(p.provider)}${p.failure ? `: ${p.failure}` : ''}`;
  if (!p.registeredAt) return `${name} being registered`;
  const line = `${name} registered ${formatDay(p.registeredAt)}${p.deletedAt ? ` / deleted ${formatDay(p.deletedAt)}` : ''}`;
  return p.deleteError && !p.deletedAt ? `${line} — deleting it failed ${p.deleteAttempts} ${p.deleteAttempts === 1 ? 'time' : 'times'} (${p.deleteError}); Backlot keeps trying` : line;
}

export function ConsentsSection({ projectId, detail, manage, onChanged }: { projectId: string; detail: AssetDetail; manage: boolean; onChanged: () => void }) {
  const { asset, consents } = detail;
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState<Consent>();
  const [withdrawing, setWithdrawing] = useState<Consent>();
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
            <li key={c.id} className={c.withdrawn ? 'consent consent-withdrawn' : 'consent'} aria-label={`${c.person}'s consent`}>
              <div className="consent-head">
                <strong>{c.person}</strong>
                {c.withdrawn ? <Tag tone="danger">withdrawn</Tag> : c.expired ? <Tag tone="danger">expired</Tag> : <Tag tone="ok">valid</Tag>}
              </div>
              {c.withdrawn && (
                <div className="danger-text">
                  Withdrawn {formatWhen(c.withdrawn.at)}: {c.withdrawn.reason} <span className="faint">(recorded by {c.withdrawn.by})</span>
                </div>
              )}
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
              {c.providerAssets.map((p) => (
                <div key={p.provider} className={p.deleteError ? 'danger-text' : 'faint'}>
                  {providerAssetLine(p)}
                </div>
              ))}
              {c.history.length > 0 && (
                <details className="consent-history">
                  <summary>Changes ({c.history.length})</summary>
                  <ol aria-label={`Changes to ${c.person}'s consent`}>
                    {c.history.map((x, i) => (
                      <li key={i}>
                        {x.action === 'withdrawn' ? 'Withdrawn' : x.changes.map((ch) => `${FIELD_NAMES[ch.field]} ${ch.from} → ${ch.to}`).join('; ')}
                        <span className="history-reason">: {x.reason}</span>{' '}
                        <span className="faint">
                          — {x.by}, {formatWhen(x.at)}
                        </span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {manage && !c.withdrawn && (
                <div className="consent-actions">
                  <Button small onClick={() => setEditing(c)}>
                    Edit
                  </Button>
                  <Button small variant="danger" onClick={() => setWithdrawing(c)}>
                    Withdraw
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {!likeness && <p className="field-hint">{asset.name} is no longer marked as a real person's likeness; these records are kept.</p>}
      {recording && <RecordConsentDialog projectId={projectId} asset={asset} onClose={() => setRecording(false)} onChanged={onChanged} />}
      {editing && <EditConsentDialog projectId={projectId} asset={asset} consent={editing} onClose={() => setEditing(undefined)} onChanged={onChanged} />}
      {withdrawing && (
        <WithdrawConsentDialog projectId={projectId} asset={asset} consent={withdrawing} shotCodes={detail.usage.map((u) => u.code)} onClose={() => setWithdrawing(undefined)} onChanged={onChanged} />
      )}
    </section>
  );
}
