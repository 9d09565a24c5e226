/** The quiet centred card of the pages before the workspace: first run, sign-in, password reset, invitations. */
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function AuthLayout({ title, children, intro }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="center-page">
      <div className="auth-card">
        <div className="auth-brand">Backlot</div>
        <h1 className="auth-title">{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </div>
    </div>
  );
}
