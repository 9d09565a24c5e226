/** A line of news across a page or form: information, a warning, an error or a success. */
import type { ReactNode } from 'react';

export function Banner({ tone = 'info', children, action }: { tone?: 'info' | 'warn' | 'error' | 'ok'; children: ReactNode; action?: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="banner-text">{children}</div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}
