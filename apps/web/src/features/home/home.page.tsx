/**
 * The member's home: what needs them across their projects, newest first — notes that mention
 * them, new notes on their takes, takes waiting for their decision, failed or refused
 * generations, shots at risk, sign-offs waiting and decided, budgets past 80 % and today's spend.
 * Unread items stand out; opening one marks it read, and "Mark all read" clears them. j/k or ↑/↓
 * move, Enter opens. The page composing it may put actions under an item (signing off, say). It
 * is live: what happens in the member's projects while it is shown appears without a reload (see
 * home-streams).
 */
import type { HomeItem, HomeKind } from '@backlot/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { formatWhen } from '../../shared/lib/format.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { HomeStreams } from './home-streams.tsx';
import { homeQuery, useMarkRead } from './queries.ts';

const KIND_WORDS: Record<HomeKind, string> = {
  mention: 'Mention',
  note_on_my_take: 'Note on your take',
  awaiting_decision: 'Waiting for a decision',
  generation_failed: 'Generation',
  shot_at_risk: 'At risk',
  awaiting_sign_off: 'Sign-off',
  sign_off_decided: 'Sign-off',
  budget_alert: 'Budget',
  spend_today: 'Spend today',
};

/** Where an item leads: its take, its shot's plan, or for budgets and today's spend, the project's spend. */
function targetOf(item: HomeItem): string {
  if (item.take) return `/projects/${item.project.id}/takes/${item.take.id}`;
  if (item.shot) return `/projects/${item.project.id}/shots/${item.shot.id}`;
  if (item.kind === 'budget_alert' || item.kind === 'spend_today') return `/projects/${item.project.id}/spend`;
  return `/projects/${item.project.id}`;
}

function moveFocus(list: HTMLElement | null, step: number) {
  const links = [...(list?.querySelectorAll<HTMLAnchorElement>(':scope > li > a') ?? [])];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  links[at === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step))].focus();
}

/** Actions shown under an item, beside its link (nothing for most items). */
export type HomeItemActions = (item: HomeItem) => ReactNode;

export function HomePage({ actions }: { actions?: HomeItemActions } = {}) {
  useDocumentTitle('Home');
  const navigate = useNavigate();
  const feed = useQuery(homeQuery());
  const markRead = useMarkRead();
  const list = useRef<HTMLUListElement>(null);

  const open = (item: HomeItem) => {
    if (!item.read) markRead.mutate({ keys: [item.key] });
    navigate(targetOf(item));
  };

  useShortcuts([
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next item', run: () => moveFocus(list.current, 1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous item', run: () => moveFocus(list.current, -1) },
    { keys: [], label: 'Enter', help: 'Open the item (and mark it read)', run: () => {} },
  ]);

  if (feed.error && !feed.data) return <LoadError error={feed.error} retry={() => void feed.refetch()} />;
  if (!feed.data) return <Loading what="Loading your home" />;
  const { items, unread } = feed.data;

  return (
    <div className="page">
      <HomeStreams named={items.map((i) => i.project.id)} />
      <PageHeader title="Home" sub={unread ? `${unread} unread` : 'Nothing unread'}>
        {unread > 0 && <Button onClick={() => markRead.mutate({ all: true })}>Mark all read</Button>}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title="Nothing needs you now" action={<LinkButton to="/projects">Go to your projects</LinkButton>}>
          Notes that mention you, new notes on your takes, takes waiting for your decision, failed generations and shots at risk show here.
        </EmptyState>
      ) : (
        <ul className="home-list" aria-label="What needs you" ref={list}>
          {items.map((item) => (
            <li key={item.key} className={item.read ? 'home-item' : 'home-item home-item-unread'} aria-label={`${item.read ? '' : 'Unread: '}${item.title}`}>
              <Link
                to={targetOf(item)}
                className="home-link"
                onClick={(e) => {
                  e.preventDefault();
                  open(item);
                }}
              >
                <div className="home-thumb">{item.take?.poster ? <img src={item.take.poster} alt="" loading="lazy" /> : <span aria-hidden>{item.kind === 'shot_at_risk' ? '⚠' : ''}</span>}</div>
                <div className="home-body">
                  <div className="home-head">
                    {!item.read && <span className="home-dot" title="Unread" aria-hidden />}
                    <span className={`home-kind home-kind-${item.kind}`}>{KIND_WORDS[item.kind]}</span>
                    <span className="home-title">{item.title}</span>
                  </div>
                  {item.detail && <div className="home-detail">{item.detail}</div>}
                  <div className="home-meta muted">
                    <span className="mono">{item.project.code}</span> {item.project.name} · {formatWhen(item.at)}
                  </div>
                </div>
              </Link>
              {actions?.(item)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
