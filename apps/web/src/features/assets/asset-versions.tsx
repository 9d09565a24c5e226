/**
 * Every version of a reference, newest first, each with its files as probed (view, type, size,
 * dimensions, duration, codecs, frame rate) and their originals to download; lock one version,
 * or unlock after asking once.
 */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { bytesLabel, formatWhen, mediaDurationLabel, rateLabel, shortHash } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import type { AssetDetail, AssetFile } from './asset-detail.ts';
import { downloadUrl } from './media.ts';

const HEAD = ['View', 'Type', 'Size', 'Dimensions', 'Duration', 'Codecs', 'Frame rate', 'SHA-256', ''];

function codecs(f: AssetFile): string {
  return [f.videoCodec, f.audioCodec].filter(Boolean).join(' + ') || '—';
}

export interface AssetVersionsProps {
  projectId: string;
  detail: AssetDetail;
  /** The version shown in the picture. */
  shown: number | undefined;
  onShow: (version: number) => void;
  editable: boolean;
  onChanged: () => void;
}

export function AssetVersions({ projectId, detail, shown, onShow, editable, onChanged }: AssetVersionsProps) {
  const { asset, versions } = detail;
  const [unlocking, setUnlocking] = useState(false);
  const params = { projectId, assetId: asset.id };
  const lock = useAction(async (version: number) => {
    await api.lockAsset({ params, body: { version } });
    onChanged();
  });

  return (
    <>
      {lock.error ? <Banner tone="error">{messageOf(lock.error)}</Banner> : null}
      <div className="table-wrap">
        <table className="table version-table" aria-label="Versions">
          <thead>
            <tr>
              {HEAD.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          {versions.map((v) => {
            const locked = asset.lockedVersion === v.version;
            return (
              <tbody key={v.version} aria-label={`Version ${v.version}`} className={v.version === shown ? 'version-group version-shown' : 'version-group'}>
                <tr className="group-row">
                  <th colSpan={HEAD.length} scope="rowgroup">
                    <div className="group-head">
                      <span className="group-title">
                        <span className="mono group-number">v{v.version}</span>
                        {locked && <Tag tone="ok">✓ locked</Tag>}
                        {v.version === asset.currentVersion && <Tag tone="muted">latest</Tag>}
                        <span className="muted version-by">
                          {v.createdBy} · {formatWhen(v.createdAt)}
                        </span>
                        {v.note && <span className="version-note">“{v.note}”</span>}
                      </span>
                      <span className="group-actions">
                        {v.version !== shown && (
                          <Button small variant="ghost" onClick={() => onShow(v.version)} aria-label={`Show version ${v.version}`}>
                            Show
                          </Button>
                        )}
                        {editable &&
                          (locked ? (
                            <Button small onClick={() => setUnlocking(true)}>
                              Unlock
                            </Button>
                          ) : (
                            <Button small pending={lock.pending} onClick={() => void lock.run(v.version)} aria-label={`Lock version ${v.version}`} title="Generations use the locked version">
                              Lock this version
                            </Button>
                          ))}
                      </span>
                    </div>
                  </th>
                </tr>
                {v.files.map((f) => (
                  <tr key={f.id}>
                    <td className="nowrap">{f.view}</td>
                    <td className="mono nowrap" title={f.originalName ?? undefined}>
                      {f.mediaType}
                    </td>
                    <td className="mono nowrap num">{bytesLabel(f.size)}</td>
                    <td className="mono nowrap">{f.width && f.height ? `${f.width}×${f.height}` : '—'}</td>
                    <td className="mono nowrap">{f.durationUs !== null ? mediaDurationLabel(f.durationUs) : '—'}</td>
                    <td className="mono nowrap">{codecs(f)}</td>
                    <td className="mono nowrap">{f.frameRate ? rateLabel(f.frameRate) : '—'}</td>
                    <td className="mono nowrap faint" title={f.sha256}>
                      {shortHash(f.sha256)}
                    </td>
                    <td className="cell-actions">
                      <a
                        className="btn btn-ghost btn-small"
                        href={downloadUrl(projectId, f.sha256)}
                        download={f.originalName ?? undefined}
                        aria-label={`Download the original of ${f.view} v${v.version}`}
                      >
                        Download original
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
      {unlocking && (
        <ConfirmDialog
          title={`Unlock ${asset.name}?`}
          confirmLabel="Unlock"
          danger
          onClose={() => setUnlocking(false)}
          onConfirm={async () => {
            await api.lockAsset({ params, body: { version: null } });
            onChanged();
          }}
        >
          Version {asset.lockedVersion} of {asset.name} stops being the one generations use; shots that reference it say it is not locked until a version is locked again. The unlock is recorded in the
          project's audit log under your name.
        </ConfirmDialog>
      )}
    </>
  );
}
