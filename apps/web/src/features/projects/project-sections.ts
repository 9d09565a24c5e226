/** The sections of a project in the crew's order, and the action each needs to be shown. */
import type { Action } from '@backlot/contracts';

export interface ProjectSection {
  path: string;
  label: string;
  needs: Action;
}

export const PROJECT_SECTIONS: ProjectSection[] = [
  { path: 'scenes', label: 'Scenes', needs: 'project.read' },
  { path: 'shots', label: 'Shots', needs: 'project.read' },
  { path: 'assets', label: 'Assets', needs: 'project.read' },
  // Viewers watch selected and approved takes and attend dailies (DESIGN.md §8).
  { path: 'takes', label: 'Takes', needs: 'project.view' },
  { path: 'dailies', label: 'Dailies', needs: 'project.view' },
  // Editors exist for exactly this (DESIGN.md §8): export handoff, read an editor's cut.
  { path: 'handoff', label: 'Handoff', needs: 'handoff.export' },
  { path: 'spend', label: 'Spend', needs: 'spend.read' },
  { path: 'audit', label: 'Audit', needs: 'audit.read' },
  { path: 'settings', label: 'Settings', needs: 'project.view' },
];

export function sectionsFor(permissions: readonly Action[]): ProjectSection[] {
  return PROJECT_SECTIONS.filter((s) => permissions.includes(s.needs));
}
