/**
 * The picture of a reference, as large as the page allows: an image drawn from its original, a
 * video or audio file in the browser's player (the server answers byte ranges, so it seeks), one
 * view of a sheet at a time.
 */
import { bytesLabel, mediaDurationLabel } from '../../shared/lib/format.ts';
import { coverFile, type AssetDetail, type AssetFile, type AssetVersion } from './asset-detail.ts';
import { browserDraws, mediaUrl } from './media.ts';

export interface AssetViewerProps {
  projectId: string;
  detail: AssetDetail;
  version: AssetVersion | undefined;
  view: string | undefined;
  onView: (view: string) => void;
}

function Picture({ projectId, file, poster }: { projectId: string; file: AssetFile; poster: string | undefined }) {
  const src = mediaUrl(projectId, file.sha256);
  const label = `${file.view} view, ${file.originalName ?? file.mediaType}`;
  if (file.kind === 'video') {
    // biome-ignore lint/a11y/useMediaCaption: a reference is kept as its file was uploaded; Backlot holds no captions for it to offer
    return <video key={src} className="viewer-media" src={src} poster={poster} controls preload="metadata" aria-label={label} />;
  }
  if (file.kind === 'audio') {
    return (
      <div className="viewer-audio">
        {poster ? (
          <img className="viewer-waveform" src={poster} alt="" />
        ) : (
          <span className="viewer-audio-mark" aria-hidden>
            ♪
          </span>
        )}
        {/* biome-ignore lint/a11y/useMediaCaption: a reference is kept as its file was uploaded; Backlot holds no captions for it to offer */}
        <audio key={src} src={src} controls preload="metadata" aria-label={label} />
      </div>
    );
  }
  if (browserDraws(file.mediaType)) return <img className="viewer-media" src={src} alt={label} />;
  if (poster) return <img className="viewer-media" src={poster} alt={`Preview of the ${label} (the original is ${file.mediaType}, which browsers do not draw)`} />;
  return <div className="viewer-note">Browsers cannot draw {file.mediaType}; download the original to look at it.</div>;
}

export function AssetViewer({ projectId, detail, version, view, onView }: AssetViewerProps) {
  const files = version?.files ?? [];
  const file = files.find((f) => f.view === view) ?? files[0];
  if (!version || !file) {
    return (
      <div className="viewer viewer-empty">
        <div className="viewer-note">No version uploaded yet.</div>
      </div>
    );
  }
  // Only the cover file's preview has an address the page knows (the library thumbnail).
  const poster = file === coverFile(detail) && detail.asset.thumbnailUrl ? detail.asset.thumbnailUrl : undefined;
  const facts = [
    file.width && file.height ? `${file.width}×${file.height}` : null,
    file.durationUs !== null ? mediaDurationLabel(file.durationUs) : null,
    file.mediaType,
    bytesLabel(file.size),
  ].filter(Boolean);
  return (
    <figure className="viewer" aria-label="Picture">
      <div className={file.kind === 'audio' ? 'viewer-stage viewer-stage-audio' : 'viewer-stage'}>
        <Picture projectId={projectId} file={file} poster={poster} />
      </div>
      <figcaption className="viewer-caption">
        <span className="mono">v{version.version}</span>
        {files.length > 1 ? (
          <fieldset className="view-switch fieldset-bare" aria-label="Views">
            {files.map((f) => (
              <button key={f.id} type="button" className={f === file ? 'view-button view-button-on' : 'view-button'} aria-pressed={f === file} onClick={() => onView(f.view)}>
                {f.view}
              </button>
            ))}
          </fieldset>
        ) : (
          file.view !== 'main' && <span>{file.view}</span>
        )}
        <span className="mono viewer-name" title={file.originalName ?? undefined}>
          {file.originalName ?? ''}
        </span>
        <span className="muted mono">{facts.join(' · ')}</span>
      </figcaption>
    </figure>
  );
}
