/** The pen for a note's drawing: stroke, arrow or box, a colour, undo and clear; the shapes go on the overlay over the video. */
import { Button } from '../../shared/ui/button.tsx';
import { COLOURS, updateBoard, useBoard, type Tool } from './drawing-board.ts';

const TOOLS: { tool: Tool; label: string }[] = [
  { tool: 'stroke', label: 'Pen' },
  { tool: 'arrow', label: 'Arrow' },
  { tool: 'box', label: 'Box' },
];

export function DrawingTools({ takeId }: { takeId: string }) {
  const board = useBoard(takeId);
  return (
    <div className="drawing-tools" role="toolbar" aria-label="Drawing">
      {TOOLS.map(({ tool, label }) => (
        <button
          key={tool}
          type="button"
          className={board.tool === tool ? 'tool is-on' : 'tool'}
          aria-pressed={board.tool === tool}
          onClick={() => updateBoard(takeId, { tool: board.tool === tool ? null : tool })}
        >
          {label}
        </button>
      ))}
      <span className="drawing-colours" role="radiogroup" aria-label="Colour">
        {COLOURS.map((c) => (
          // biome-ignore lint/a11y/useSemanticElements: a swatch is a button painted in its colour; role=radio and aria-checked say which colour the pen uses
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={board.colour === c}
            aria-label={c}
            className={board.colour === c ? 'swatch is-on' : 'swatch'}
            style={{ background: c }}
            onClick={() => updateBoard(takeId, { colour: c })}
          />
        ))}
      </span>
      <Button small variant="ghost" disabled={!board.draft.length} onClick={() => updateBoard(takeId, (b) => ({ draft: b.draft.slice(0, -1) }))}>
        Undo
      </Button>
      <Button small variant="ghost" disabled={!board.draft.length} onClick={() => updateBoard(takeId, { draft: [] })}>
        Clear
      </Button>
      <span className="faint small">{board.draft.length ? `${board.draft.length} ${board.draft.length === 1 ? 'shape' : 'shapes'}` : board.tool ? 'draw on the picture' : ''}</span>
    </div>
  );
}
