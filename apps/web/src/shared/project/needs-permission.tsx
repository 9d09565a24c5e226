/** A project page a member's role does not include says so, instead of failing with the server's refusal. */
import type { Action } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { EmptyState } from '../ui/empty-state.tsx';
import { useProject } from './project-context.ts';

export function NeedsPermission({ action, what, children }: { action: Action; what: string; children: ReactNode }) {
  const { can, project } = useProject();
  if (can(action)) return <>{children}</>;
  return (
    <EmptyState title={`Not part of the ${project.myRole} role`}>
      As {project.myRole} in {project.code} you may not {what}. An owner of the project can change your role.
    </EmptyState>
  );
}
