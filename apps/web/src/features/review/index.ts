/** What the take page mounts from review: the notes beside the player and the drawings over it. */
export { NotesPanel, type NotesPanelProps } from './notes-panel.tsx';
export { DrawingOverlay, type DrawingOverlayProps } from './drawing-overlay.tsx';
export { timecodeOf } from './timecode.ts';
