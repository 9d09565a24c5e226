/** A shot's code in the list; members who plan rename it in place (Enter saves, Esc leaves), with the server's refusal shown under it. */
import type { Shot } from '@backlot/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { fieldMessage } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';

export interface ShotCodeCellProps {
  projectId: string;
  shot: Shot;
  editable: boolean;
  editing: boolean;
  setEditing: (editing: boolean) => void;
  onRenamed: (shot: Shot) => void;
}

export function ShotCodeCell({ projectId, shot, editable, editing, setEditing, onRenamed }: ShotCodeCellProps) {
  const [code, setCode] = useState(shot.code);
  const rename = useAction((next: string) => api.updateShot({ params: { projectId, shotId: shot.id }, body: { code: next } }));
  const stop = () => {
    rename.clearError();
    setCode(shot.code);
    setEditing(false);
  };

  if (editing) {
    return (
      <div className="code-edit">
        <input
          className="input mono code-input"
          aria-label={`New code for ${shot.code}`}
          aria-invalid={rename.error ? true : undefined}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the member asked to rename the shot; the focus goes where they will type
          autoFocus
          value={code}
          maxLength={32}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          onFocus={(e) => e.currentTarget.select()}
          onKeyDown={async (e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              stop();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (code.trim() === shot.code) return stop();
              const renamed = await rename.run(code.trim());
              if (renamed) {
                onRenamed(renamed);
                setEditing(false);
              }
            }
          }}
          onBlur={() => {
            if (!rename.error && !rename.pending) stop();
          }}
        />
        {rename.error ? (
          <div className="cell-error" role="alert">
            {fieldMessage(rename.error)}
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <span className="code-cell">
      <Link to={`/projects/${projectId}/shots/${shot.id}`} className="mono code-link" tabIndex={-1} onClick={(e) => e.stopPropagation()}>
        {shot.code}
      </Link>
      {editable && (
        <Button
          small
          variant="ghost"
          className="rename-btn"
          tabIndex={-1}
          aria-label={`Rename ${shot.code}`}
          title="Rename (e)"
          onClick={(e) => {
            e.stopPropagation();
            setCode(shot.code);
            setEditing(true);
          }}
        >
          ✎
        </Button>
      )}
    </span>
  );
}
