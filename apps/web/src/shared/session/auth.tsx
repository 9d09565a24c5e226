/** Who is signed in: asks the server once whether setup is needed and who this is, and shares it with every page. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { isSignedOut } from '../lib/errors.ts';
import { api, SESSION_ENDED, type Me } from '../api/client.ts';

export type AuthState = { status: 'loading' } | { status: 'unreachable'; error: unknown } | { status: 'setup' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

export interface Auth {
  state: AuthState;
  /** The signed-in account; only call where a guard has made sure of it. */
  me: Me | undefined;
  /** After setup, sign-in or an accepted invitation: the server answered with the account. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  /** Asks the server again (e.g. after the account changed). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

async function loadState(): Promise<AuthState> {
  try {
    if ((await api.setupStatus()).needed) return { status: 'setup' };
    return { status: 'signed-in', me: await api.me() };
  } catch (error) {
    if (isSignedOut(error)) return { status: 'signed-out' };
    return { status: 'unreachable', error };
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    void loadState().then(setState);
    const ended = () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out' } : s));
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  const auth: Auth = {
    state,
    me: state.status === 'signed-in' ? state.me : undefined,
    signedIn: (me) => setState({ status: 'signed-in', me }),
    async signOut() {
      try {
        await api.signOut();
      } finally {
        setState({ status: 'signed-out' });
      }
    },
    async refresh() {
      setState(await loadState());
    },
  };
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in account, for pages behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe on a page that is not behind the sign-in guard');
  return me;
}

/** A path inside this app to go on to after signing in; anything else goes to the projects. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/projects';
}
