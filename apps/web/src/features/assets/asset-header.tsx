/** The top of a reference's page: its name, kind, versions, lock and clearance, the upload button, and what puts it at risk. */
import type { AssetDetail } from './asset-detail.ts';
import { KIND_NAMES } from '../../shared/production/asset-words.ts';
import { ClearanceTag, LockLabel } from '../../shared/production/rights-tags.tsx';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';

export function AssetHeader({ asset, editable, onUpload }: { asset: AssetDetail['asset']; editable: boolean; onUpload: () => void }) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">{asset.name}</h1>
          <div className="page-sub">
            {KIND_NAMES[asset.kind]} ·{' '}
            {asset.currentVersion > 0 && (
              <>
                {asset.currentVersion} {asset.currentVersion === 1 ? 'version' : 'versions'} ·{' '}
              </>
            )}
            <LockLabel lockedVersion={asset.lockedVersion} currentVersion={asset.currentVersion} /> <ClearanceTag clearance={asset.clearance} />
          </div>
        </div>
        <div className="page-actions">
          {editable && (
            <Button variant="primary" onClick={onUpload} title="Upload a new version (u)">
              {asset.currentVersion === 0 ? 'Upload the first version' : 'Upload a new version'}
            </Button>
          )}
        </div>
      </div>
      {asset.rights.atRisk && (
        <Banner tone="error">
          <strong>⚠ At risk.</strong> {asset.rights.reasons.join('. ')}. Shots that use {asset.name} are at risk until this is resolved.
        </Banner>
      )}
    </>
  );
}
