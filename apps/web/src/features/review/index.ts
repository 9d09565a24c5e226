/** What the take page mounts from review: the notes beside the player, the drawings over it and the notes' markers on its timeline. */
export { NotesPanel, type NotesPanelProps } from './notes-panel.tsx';
export { DrawingOverlay, type DrawingOverlayProps } from './drawing-overlay.tsx';
export { timecodeOf } from './timecode.ts';
export { useNoteMarkers } from './note-markers.ts';
