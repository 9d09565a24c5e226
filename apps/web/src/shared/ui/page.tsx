/** The frame of a page: its title row with actions, and what shows while loading or when loading failed. */
import type { ReactNode } from 'react';
import { messageOf } from '../lib/errors.ts';
import { Banner } from './banner.tsx';
import { Button } from './button.tsx';

export function PageHeader({ title, children, sub }: { title: string; children?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        {sub && <div className="page-sub">{sub}</div>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-header">
        <h2 className="section-title" id={id}>
          {title}
        </h2>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="loading" role="status">
      {what}…
    </div>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Banner
      tone="error"
      action={
        retry && (
          <Button small onClick={retry}>
            Try again
          </Button>
        )
      }
    >
      {messageOf(error)}
    </Banner>
  );
}
