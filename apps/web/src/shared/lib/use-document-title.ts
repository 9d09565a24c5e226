/** Names the browser tab after the page, so a row of Backlot tabs can be told apart. */
import { useEffect } from 'react';

export function useDocumentTitle(...parts: (string | undefined)[]) {
  const title = [...parts.filter(Boolean), 'Backlot'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
