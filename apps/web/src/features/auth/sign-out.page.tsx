/** Ends this session, then shows the sign-in page. */
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../shared/session/auth.tsx';
import { Loading } from '../../shared/ui/page.tsx';

export function SignOutPage() {
  const { signOut, state } = useAuth();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once: signing out changes the session state, which must not start a second sign-out
  useEffect(() => {
    // `next` lets a page that asked for a sign-out (an invitation for another email) take the visitor back.
    const next = search.get('next');
    const done = () => navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/sign-in', { replace: true, state: { signedOut: true } });
    if (state.status !== 'signed-in') done();
    else void signOut().finally(done);
    // Runs once: signing out changes `state`, which must not start a second sign-out.
  }, []);
  return (
    <div className="center-page">
      <Loading what="Signing out" />
    </div>
  );
}
