/**
 * Imports a Fountain screenplay: pick or drop the file, read it here in the browser, preview what the
 * import will do — scenes added, changed (and which parts), left alone, omitted; new characters; the
 * revision it becomes — and apply it only when confirmed. If the scenes changed since the preview,
 * the server refuses and the dialog previews again.
 */
import type { ImportPreview, ImportReport as Report } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useState, type DragEvent } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { touchedByPlanChange } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { ImportReport } from './import-report.tsx';

const MAX_BYTES = 5_000_000;

export function ImportScreenplayDialog({ projectId, onClose, onImported }: { projectId: string; onClose: () => void; onImported?: (report: Report) => void }) {
  const [file, setFile] = useState<File>();
  const [over, setOver] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [report, setReport] = useState<Report>();
  const [preview, setPreview] = useState<ImportPreview>();
  const look = useAction(async (f: File) => api.previewFountainImport({ params: { projectId }, body: { text: await f.text(), fileName: f.name } }));
  const send = useAction(async (f: File, previewToken: string) => api.importFountain({ params: { projectId }, body: { text: await f.text(), fileName: f.name, previewToken } }), {
    invalidates: touchedByPlanChange(projectId),
  });
  const showPreview = async (f: File) => {
    const p = await look.run(f);
    if (p) setPreview(p);
  };

  const choose = (f: File | undefined) => {
    setRefusal(undefined);
    setPreview(undefined);
    send.clearError();
    look.clearError();
    if (!f) return setFile(undefined);
    if (f.size > MAX_BYTES) return setRefusal(`${f.name} is ${(f.size / 1e6).toFixed(1)} MB; a screenplay is at most 5 MB of text.`);
    if (!/\.(fountain|spmd|txt)$/i.test(f.name)) return setRefusal(`${f.name} is not a Fountain screenplay (.fountain). Export the script as Fountain from your screenwriting app.`);
    setFile(f);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  if (report) {
    return (
      <Dialog
        title={`Imported ${file?.name ?? 'the screenplay'}`}
        onClose={onClose}
        wide
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <ImportReport report={report} />
      </Dialog>
    );
  }

  if (preview && file) {
    const apply = async () => {
      const r = await send.run(file, preview.previewToken);
      if (!r) return;
      setReport(r);
      onImported?.(r);
    };
    const refusedAsStale = send.error instanceof ApiError && send.error.code === 'screenplay.preview_stale';
    return (
      <Dialog
        title={`What importing ${file.name} will change`}
        onClose={onClose}
        wide
        footer={
          <>
            <Button onClick={() => setPreview(undefined)}>Back</Button>
            {refusedAsStale ? (
              <Button
                variant="primary"
                pending={look.pending}
                onClick={async () => {
                  // Apply is offered again only with the new preview's token.
                  const fresh = await look.run(file);
                  if (!fresh) return;
                  send.clearError();
                  setPreview(fresh);
                }}
              >
                Preview again
              </Button>
            ) : (
              <Button variant="primary" pending={send.pending} onClick={apply}>
                {preview.revision ? `Apply as revision ${preview.revision.number} (${preview.revision.colour})` : 'Apply import'}
              </Button>
            )}
          </>
        }
      >
        <ImportReport report={preview} preview />
        {refusedAsStale ? (
          <Banner tone="error">The scenes changed since this preview, so nothing was imported. Preview again to see what the import will change now.</Banner>
        ) : send.error ? (
          <Banner tone="error">{messageOf(send.error)}</Banner>
        ) : null}
        {look.error ? <Banner tone="error">{messageOf(look.error)}</Banner> : null}
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import a screenplay"
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={!file} pending={look.pending} onClick={() => file && showPreview(file)}>
            Preview changes
          </Button>
        </>
      }
    >
      <p className="muted">
        Scenes come from the headings (INT. / EXT.), in script order, with their characters and text. Importing a newer draft updates the scenes it changes, leaves the rest alone and marks scenes it
        no longer has as omitted (never scenes added by hand); shots and plans are kept. You see what will change before anything is applied.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveElementInteractions: dropping a file is the pointer's shortcut; the file field inside the label is the way in by keyboard (the zone shows its focus) */}
      <label
        className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input className="visually-hidden" type="file" accept=".fountain,.spmd,.txt,text/plain" aria-label="Screenplay file" onChange={(e) => choose(e.target.files?.[0])} />
        {file ? (
          <>
            <span className="mono drop-file">{file.name}</span>
            <span className="muted">{(file.size / 1024).toFixed(1)} KB · choose another file or drop it here</span>
          </>
        ) : (
          <>
            <span className="drop-title">Drop a .fountain file here</span>
            <span className="muted">or click to choose one</span>
          </>
        )}
      </label>
      {refusal && <Banner tone="error">{refusal}</Banner>}
      {look.error ? <Banner tone="error">{messageOf(look.error)}</Banner> : null}
    </Dialog>
  );
}
