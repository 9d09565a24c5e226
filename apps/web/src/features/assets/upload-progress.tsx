/** One upload's line: its files, a progress bar while the bytes go, then what the server made of them. */
import { bytesLabel } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import { cancelUpload, dismissUpload, filesLabel, isActive, uploadProblem, type Upload } from './upload-queue.ts';

export function UploadProgress({ upload, showAsset }: { upload: Upload; showAsset?: boolean }) {
  const percent = upload.total ? Math.min(100, Math.round((upload.sent / upload.total) * 100)) : 0;
  const who = showAsset ? `${upload.assetName}: ` : '';
  return (
    <li className={`upload upload-${upload.state}`} aria-label={`Upload of ${filesLabel(upload)}`}>
      <div className="upload-line">
        <span className="upload-name">
          {who}
          <span className="mono">{filesLabel(upload)}</span>
        </span>
        <span className="upload-state" role={upload.state === 'done' ? 'status' : undefined}>
          {upload.state === 'sending' && `${percent}% of ${bytesLabel(upload.total)}`}
          {upload.state === 'checking' && 'Sent; checking the media and making previews…'}
          {upload.state === 'done' && <span className="ok-text">✓ uploaded as version {upload.version}</span>}
        </span>
        {isActive(upload) ? (
          upload.state === 'sending' && (
            <Button small variant="ghost" onClick={() => cancelUpload(upload.id)} aria-label={`Cancel the upload of ${filesLabel(upload)}`}>
              Cancel
            </Button>
          )
        ) : (
          <Button small variant="ghost" onClick={() => dismissUpload(upload.id)} aria-label={`Dismiss the upload of ${filesLabel(upload)}`}>
            Dismiss
          </Button>
        )}
      </div>
      {isActive(upload) && <progress className="upload-bar" max={100} value={upload.state === 'checking' ? undefined : percent} aria-label={`Progress of ${filesLabel(upload)}`} />}
      {(upload.state === 'failed' || upload.state === 'canceled') && (
        <div className="upload-problem" role="alert">
          {uploadProblem(upload)}
        </div>
      )}
    </li>
  );
}

/** Every upload of a project (or of one reference) still under way or just finished; they go on while the member works elsewhere. */
export function UploadTray({ uploads, showAsset }: { uploads: Upload[]; showAsset?: boolean }) {
  if (uploads.length === 0) return null;
  return (
    <section className="upload-tray" aria-label="Uploads">
      <ul className="upload-list">
        {uploads.map((u) => (
          <UploadProgress key={u.id} upload={u} showAsset={showAsset} />
        ))}
      </ul>
    </section>
  );
}
