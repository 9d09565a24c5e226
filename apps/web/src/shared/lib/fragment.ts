/**
 * Tokens in links (`/invite#token=…`, `/reset-password#token=…`) travel in the URL fragment,
 * which browsers never send to a server, so they stay out of server and proxy logs.
 */

/** The `token` of the current URL's fragment, if any. */
export function tokenFromFragment(hash: string = window.location.hash): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return value || undefined;
}

const INVITATION_KEY = 'backlot.invitation';

/** Keeps an invitation token for this tab while its holder signs in, without putting it in a query string. */
export function rememberInvitation(token: string) {
  sessionStorage.setItem(INVITATION_KEY, token);
}

export function rememberedInvitation(): string | undefined {
  return sessionStorage.getItem(INVITATION_KEY) ?? undefined;
}

export function forgetInvitation() {
  sessionStorage.removeItem(INVITATION_KEY);
}
