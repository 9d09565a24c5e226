/** Which pages a visitor may see: first-run setup before anything, sign-in before the workspace, admin pages for admins. */
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { Button } from '../shared/ui/button.tsx';
import { EmptyState } from '../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../shared/ui/page.tsx';
import { safeNext, useAuth } from '../shared/session/auth.tsx';

function Waiting({ children }: { children: ReactNode }) {
  return <div className="center-page">{children}</div>;
}

/** Shown while the server has not answered who this is, or could not be reached. */
function Pending() {
  const { state, refresh } = useAuth();
  if (state.status === 'unreachable') {
    return (
      <Waiting>
        <LoadError error={state.error} retry={() => void refresh()} />
      </Waiting>
    );
  }
  return (
    <Waiting>
      <Loading />
    </Waiting>
  );
}

/** Pages of the workspace: a signed-in account only. */
export function RequireAccount() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading' || state.status === 'unreachable') return <Pending />;
  if (state.status === 'setup') return <Navigate to="/setup" replace />;
  if (state.status === 'signed-out') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Sign-in and forgotten password: someone signed in goes on to where they were heading. */
export function SignedOutOnly() {
  const { state } = useAuth();
  const [search] = useSearchParams();
  if (state.status === 'loading' || state.status === 'unreachable') return <Pending />;
  if (state.status === 'setup') return <Navigate to="/setup" replace />;
  if (state.status === 'signed-in') return <Navigate to={safeNext(search.get('next'))} replace />;
  return <Outlet />;
}

/** The first-run page exists only until the instance admin is made. */
export function SetupOnly() {
  const { state } = useAuth();
  if (state.status === 'loading' || state.status === 'unreachable') return <Pending />;
  if (state.status === 'signed-in') return <Navigate to="/projects" replace />;
  if (state.status === 'signed-out') return <Navigate to="/sign-in" replace />;
  return <Outlet />;
}

/** Pages that work signed in or out (invitations, password reset), once setup is done. */
export function AfterSetup() {
  const { state } = useAuth();
  if (state.status === 'loading' || state.status === 'unreachable') return <Pending />;
  if (state.status === 'setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}

export function RequireAdmin() {
  const { me } = useAuth();
  if (!me?.account.isAdmin) {
    return <EmptyState title="Instance administration">Only an instance admin may manage accounts and instance settings. Ask your Backlot admin.</EmptyState>;
  }
  return <Outlet />;
}

export function NotFoundPage() {
  return (
    <EmptyState title="No such page" action={<Button onClick={() => window.history.back()}>Go back</Button>}>
      This address does not lead to anything in Backlot.
    </EmptyState>
  );
}
