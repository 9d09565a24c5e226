/** The unread count of the member's home, for the shell: loaded on each page change, every half minute, and when home marks items read. */
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';

/** Fired after items are marked read, so the count beside Home follows at once. */
export const HOME_READ = 'backlot:home-read';

export function useHomeUnread(): number | undefined {
  const location = useLocation();
  const [unread, setUnread] = useState<number>();
  useEffect(() => {
    let live = true;
    const load = () =>
      api.home().then(
        (feed) => live && setUnread(feed.unread),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, 30_000);
    window.addEventListener(HOME_READ, load);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(HOME_READ, load);
    };
  }, [location.pathname]);
  return unread;
}
