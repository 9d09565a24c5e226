/**
 * Uploads the next version of a reference: drop files or pick them, name each view of a sheet
 * (front, side, back), add a note, send with a progress bar. The server decides what a file is
 * from its content and may refuse it; the refusal is shown naming the file, and nothing is kept.
 */
import type { Asset } from '@backlot/contracts';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { bytesLabel } from '../../shared/lib/format.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { nextView, SHEET_KINDS, VIEWS } from '../../shared/production/asset-words.ts';
import { UploadProgress } from './upload-progress.tsx';
import { isActive, startUpload, useUploads, type UploadResult, type VersionFile } from './upload-queue.ts';

/** What the file picker offers for a kind; the server still decides from the content. */
function acceptFor(kind: Asset['kind']): string {
  switch (kind) {
    case 'reference-video':
      return 'video/*';
    case 'audio':
      return 'audio/*';
    case 'location':
    case 'style':
      return 'image/*,video/*';
    default:
      return 'image/*';
  }
}

export interface UploadPanelProps {
  projectId: string;
  asset: Pick<Asset, 'id' | 'name' | 'kind' | 'currentVersion'>;
  /** Called once the server has recorded the version (only while the panel is shown). */
  onUploaded: (result: UploadResult) => void;
}

export function UploadPanel({ projectId, asset, onUploaded }: UploadPanelProps) {
  const sheet = SHEET_KINDS.includes(asset.kind);
  const [picked, setPicked] = useState<VersionFile[]>([]);
  const [note, setNote] = useState('');
  const [over, setOver] = useState(false);
  const [current, setCurrent] = useState<number>();
  const upload = useUploads(projectId, asset.id).find((u) => u.id === current);
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);

  const add = (files: File[]) => {
    if (!files.length) return;
    setCurrent(undefined);
    setPicked((before) => {
      if (!sheet) return [{ view: 'main', file: files[0] }];
      let next = [...before];
      for (const file of files) {
        // A second file makes a sheet: the first one becomes its front view.
        if (next.length === 1 && next[0].view === 'main') next = [{ ...next[0], view: 'front' }];
        next.push({ view: nextView(next.map((f) => f.view)), file });
      }
      return next;
    });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add([...e.dataTransfer.files]);
  };

  const views = picked.map((f) => f.view);
  const twice = views.find((v, i) => views.indexOf(v) !== i);
  const sending = !!upload && isActive(upload);
  const send = () => {
    if (!picked.length || twice || sending) return;
    const started = startUpload({ projectId, asset, files: picked, note });
    setCurrent(started.id);
    started.done.then(
      (result) => {
        if (!shown.current) return;
        setPicked([]);
        setNote('');
        onUploaded(result);
      },
      () => {},
    );
  };

  return (
    <div className="upload-panel">
      {/* biome-ignore lint/a11y/noNoninteractiveElementInteractions: dropping files is the pointer's shortcut; the file field inside the label is the way in by keyboard (the zone shows its focus) */}
      <label
        className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          className="visually-hidden"
          type="file"
          multiple={sheet}
          accept={acceptFor(asset.kind)}
          aria-label={`Files for ${asset.name}`}
          onChange={(e) => {
            add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <span className="drop-title">{sheet ? 'Drop the pictures of the sheet here' : 'Drop the file here'}</span>
        <span className="muted">or click to choose {sheet ? 'them — one file per view (front, side, back)' : 'one'}</span>
      </label>

      {picked.length > 0 && (
        <ul className="picked-files" aria-label="Files of the new version">
          {picked.map((f, i) => (
            <li key={`${f.file.name}-${i}`} className="picked-file">
              <span className="mono picked-name" title={f.file.name}>
                {f.file.name}
              </span>
              <span className="muted nowrap">{bytesLabel(f.file.size)}</span>
              {sheet && (
                <label className="inline-pick">
                  View
                  <select
                    className="select select-small"
                    aria-label={`View of ${f.file.name}`}
                    value={f.view}
                    onChange={(e) => setPicked((all) => all.map((x, k) => (k === i ? { ...x, view: e.target.value } : x)))}
                  >
                    {[...new Set([...VIEWS, f.view])].map((v) => (
                      <option key={v} value={v}>
                        {v}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <Button small variant="ghost" aria-label={`Leave out ${f.file.name}`} disabled={sending} onClick={() => setPicked((all) => all.filter((_, k) => k !== i))}>
                Leave out
              </Button>
            </li>
          ))}
        </ul>
      )}
      {twice && <Banner tone="warn">Two files show the {twice} view; give each file its own view.</Banner>}

      <div className="upload-send">
        <input className="input" aria-label="Note for this version" placeholder="Note for this version (optional)" maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
        <Button variant="primary" disabled={!picked.length || !!twice} pending={sending} onClick={send}>
          Upload version {asset.currentVersion + 1}
        </Button>
      </div>
      {upload && (
        <ul className="upload-list">
          <UploadProgress upload={upload} />
        </ul>
      )}
    </div>
  );
}
