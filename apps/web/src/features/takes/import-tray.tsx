/** Imports of external takes into a shot: a progress bar while the bytes go, then what the server made of them. */
import { bytesLabel } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import { cancelImport, dismissImport, importProblem, type TakeImport } from './take-imports.ts';

export function ImportLine({ upload }: { upload: TakeImport }) {
  const percent = upload.total ? Math.min(100, Math.round((upload.sent / upload.total) * 100)) : 0;
  const active = upload.state === 'sending' || upload.state === 'checking';
  return (
    <li className={`upload upload-${upload.state}`} aria-label={`Import of ${upload.fileName}`}>
      <div className="upload-line">
        <span className="upload-name mono">{upload.fileName}</span>
        <span className="upload-state" role={upload.state === 'done' ? 'status' : undefined}>
          {upload.state === 'sending' && `${percent}% of ${bytesLabel(upload.total)}`}
          {upload.state === 'checking' && 'Sent; checking the clip and making the proxy, poster and filmstrip…'}
          {upload.state === 'done' && <span className="ok-text">✓ imported as {upload.take?.code}</span>}
        </span>
        {active ? (
          upload.state === 'sending' && (
            <Button small variant="ghost" onClick={() => cancelImport(upload.id)} aria-label={`Cancel the import of ${upload.fileName}`}>
              Cancel
            </Button>
          )
        ) : (
          <Button small variant="ghost" onClick={() => dismissImport(upload.id)} aria-label={`Dismiss the import of ${upload.fileName}`}>
            Dismiss
          </Button>
        )}
      </div>
      {active && <progress className="upload-bar" max={100} value={upload.state === 'checking' ? undefined : percent} aria-label={`Progress of ${upload.fileName}`} />}
      {(upload.state === 'failed' || upload.state === 'canceled') && (
        <div className="upload-problem" role="alert">
          {importProblem(upload)}
        </div>
      )}
    </li>
  );
}

export function ImportTray({ imports }: { imports: TakeImport[] }) {
  if (imports.length === 0) return null;
  return (
    <section className="upload-tray" aria-label="Imports">
      <ul className="upload-list">
        {imports.map((u) => (
          <ImportLine key={u.id} upload={u} />
        ))}
      </ul>
    </section>
  );
}
