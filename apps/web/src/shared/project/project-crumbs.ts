/** Deeper breadcrumbs a project page adds after its section (project › scene › shot). */
import { createContext, useContext, useEffect } from 'react';

export interface Crumb {
  label: string;
  /** Where the crumb leads; the last crumb usually has none (it is the page itself). */
  to?: string;
  /** Codes read in monospace. */
  mono?: boolean;
}

export const CrumbsContext = createContext<(trail: Crumb[]) => void>(() => {});

/** Shows `trail` after the section's crumb while the page is open. */
export function useCrumbs(trail: Crumb[]) {
  const set = useContext(CrumbsContext);
  const key = JSON.stringify(trail);
  useEffect(() => {
    set(JSON.parse(key) as Crumb[]);
    return () => set([]);
  }, [set, key]);
}
