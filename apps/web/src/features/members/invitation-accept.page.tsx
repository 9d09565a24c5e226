/**
 * Opens an invitation link (`/invite#token=…`): shows what it offers, then accepts it as the
 * signed-in account, sends an existing account to sign in first, or creates the invited account.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { forgetInvitation, rememberInvitation, rememberedInvitation, tokenFromFragment } from '../../shared/lib/fragment.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { AuthLayout } from '../../shared/ui/auth-layout.tsx';
import { NewAccountForm } from './new-account.form.tsx';

export function InvitationPage() {
  const { me, refresh } = useAuth();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromFragment() ?? rememberedInvitation());
  const preview = useLoad(keys.members.invitation(token ?? ''), () => api.previewInvitation({ body: { token: token! } }), { enabled: !!token });
  const accept = useAction(() => api.acceptInvitation({ body: { token: token ?? '' } }));

  // Kept for this tab only, so the link still works after signing in or out.
  useEffect(() => {
    if (token) rememberInvitation(token);
  }, [token]);

  const joined = (projectId: string) => {
    forgetInvitation();
    navigate(`/projects/${projectId}`, { replace: true });
  };

  if (!token) {
    return (
      <AuthLayout title="Invitation">
        <Banner tone="error">This invitation link is incomplete: open the whole link you were sent.</Banner>
      </AuthLayout>
    );
  }
  if (preview.error) {
    return (
      <AuthLayout title="Invitation">
        <LoadError error={preview.error} />
        <p className="muted">Ask the project owner for a new invitation.</p>
        {me && <Link to="/projects">Go to your projects</Link>}
      </AuthLayout>
    );
  }
  const offer = preview.data;
  if (!offer) {
    return (
      <AuthLayout title="Invitation">
        <Loading what="Reading the invitation" />
      </AuthLayout>
    );
  }

  const intro = (
    <>
      You are invited to join <span className="mono">{offer.projectCode}</span> <strong>{offer.projectName}</strong> as <strong>{offer.role}</strong>. The invitation is for {offer.email} and works
      until {formatWhen(offer.expiresAt)}.
    </>
  );

  if (me) {
    const sameEmail = me.account.email === offer.email;
    return (
      <AuthLayout title={`Join ${offer.projectName}`} intro={intro}>
        {!sameEmail && (
          <Banner tone="warn" action={<LinkButton to="/sign-out?next=/invite">Sign out</LinkButton>}>
            You are signed in as {me.account.email}. To join as {offer.email}, sign out first; you come back here.
          </Banner>
        )}
        {accept.error ? <LoadError error={accept.error} /> : null}
        {sameEmail && (
          <Button
            variant="primary"
            pending={accept.pending}
            onClick={async () => {
              const result = await accept.run();
              if (result) joined(result.projectId);
            }}
          >
            Join as {me.account.name}
          </Button>
        )}
      </AuthLayout>
    );
  }

  if (offer.accountExists) {
    return (
      <AuthLayout title={`Join ${offer.projectName}`} intro={intro}>
        <p>There is already a Backlot account for {offer.email}. Sign in, and you come back here to join.</p>
        <LinkButton variant="primary" to={`/sign-in?next=${encodeURIComponent('/invite')}&email=${encodeURIComponent(offer.email)}`}>
          Sign in to join
        </LinkButton>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={`Join ${offer.projectName}`} intro={intro}>
      <NewAccountForm
        token={token}
        email={offer.email}
        onJoined={async (projectId) => {
          await refresh();
          joined(projectId);
        }}
      />
    </AuthLayout>
  );
}
