/** The player's hook for the browser tests, `window.__backlotPlayer`: only in the test build (`vite build --mode test`); the production bundle drops it, name and all. */
import { useEffect } from 'react';
import type { PlayerApi } from './player-types.ts';

/** Hands the player's API to the browser tests while the player is mounted. */
export function useTestHook(api: PlayerApi, inactive = false) {
  useEffect(() => {
    if (inactive) return;
    // A constant in each build: the production bundle drops the branch, name and all.
    if (import.meta.env.MODE !== 'test') return;
    const w = window as unknown as { __backlotPlayer?: PlayerApi };
    w.__backlotPlayer = api;
    return () => {
      if (w.__backlotPlayer === api) delete w.__backlotPlayer;
    };
  });
}
