/** The frame around every signed-in page: the top bar (projects, admin, account, sign out) and the page below. */
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useHomeUnread } from '../features/home/home-unread.ts';
import { Button } from '../shared/ui/button.tsx';
import { useMe } from '../shared/session/auth.tsx';
import { SHOW_SHORTCUTS } from '../shared/shortcuts/shortcuts.tsx';

export function AppShell() {
  const me = useMe();
  const navigate = useNavigate();
  const unread = useHomeUnread();
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/projects" className="brand">
          Backlot
        </NavLink>
        <nav className="topnav" aria-label="Workspace">
          <NavLink to="/home" aria-label={unread ? `Home, ${unread} unread` : 'Home'}>
            Home
            {unread ? (
              <span className="nav-count" aria-hidden>
                {unread > 99 ? '99+' : unread}
              </span>
            ) : null}
          </NavLink>
          <NavLink to="/projects" end={false}>
            Projects
          </NavLink>
          {me.account.isAdmin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="topbar-right">
          <Button variant="ghost" small aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => window.dispatchEvent(new Event(SHOW_SHORTCUTS))}>
            ?
          </Button>
          <NavLink to="/account" className="account-link" title={me.account.email}>
            {me.account.name}
          </NavLink>
          <Button variant="ghost" small onClick={() => navigate('/sign-out')}>
            Sign out
          </Button>
        </div>
      </header>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
