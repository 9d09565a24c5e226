/** Small labels beside a name: a role, "closed", "admin", "disabled". */
import type { ReactNode } from 'react';

export function Tag({ children, tone = 'plain', title }: { children: ReactNode; tone?: 'plain' | 'muted' | 'warn' | 'danger' | 'ok'; title?: string }) {
  return (
    <span className={`tag tag-${tone}`} title={title}>
      {children}
    </span>
  );
}
