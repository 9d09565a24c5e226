/**
 * Imports a Fountain screenplay: pick or drop the file, read it here in the browser, send its text,
 * then say what the import did — scenes added, changed (and how), left alone, omitted; new characters.
 */
import type { ImportReport as Report } from '@backlot/contracts';
import { useState, type DragEvent } from 'react';
import { api } from '../../app/client.ts';
import { messageOf } from '../../lib/errors.ts';
import { useAction } from '../../lib/use-action.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { ImportReport } from './import-report.tsx';

const MAX_BYTES = 5_000_000;

export function ImportScreenplayDialog({ projectId, onClose, onImported }: { projectId: string; onClose: () => void; onImported: (report: Report) => void }) {
  const [file, setFile] = useState<File>();
  const [over, setOver] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [report, setReport] = useState<Report>();
  const send = useAction(async (f: File) => api.importFountain({ params: { projectId }, body: { text: await f.text(), fileName: f.name } }));

  const choose = (f: File | undefined) => {
    setRefusal(undefined);
    send.clearError();
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
      <Dialog title={`Imported ${file?.name ?? 'the screenplay'}`} onClose={onClose} wide footer={<Button variant="primary" onClick={onClose}>Done</Button>}>
        <ImportReport report={report} />
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
          <Button
            variant="primary"
            disabled={!file}
            pending={send.pending}
            onClick={async () => {
              const r = file && (await send.run(file));
              if (!r) return;
              setReport(r);
              onImported(r);
            }}
          >
            Import scenes
          </Button>
        </>
      }
    >
      <p className="muted">
        Scenes come from the headings (INT. / EXT.), in script order, with their characters and text. Importing a newer draft updates the scenes it changes, leaves
        the rest alone and marks scenes it no longer has as omitted; shots and plans are kept.
      </p>
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
      {send.error ? <Banner tone="error">{messageOf(send.error)}</Banner> : null}
    </Dialog>
  );
}
