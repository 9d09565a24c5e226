/** Uploading a new version of a reference, in a dialog the upload outlives (it goes on in the tray when closed). */
import type { AssetDetail } from './asset-detail.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { UploadPanel } from './upload-panel.tsx';

export function UploadVersionDialog({ projectId, asset, onClose, onUploaded }: { projectId: string; asset: AssetDetail['asset']; onClose: () => void; onUploaded: (version: number) => void }) {
  return (
    <Dialog title={`Upload version ${asset.currentVersion + 1} of ${asset.name}`} onClose={onClose} wide footer={<Button onClick={onClose}>Close</Button>}>
      <p className="muted">The upload goes on if you close this; the new version is not locked until you lock it.</p>
      <UploadPanel projectId={projectId} asset={asset} onUploaded={(r) => onUploaded(r.version)} />
    </Dialog>
  );
}
