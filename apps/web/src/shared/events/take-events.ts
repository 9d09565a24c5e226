/**
 * A project's live stream (Server-Sent Events, same-origin cookie): each `take.changed` event is
 * handed to the page, and each dailies event of the rooms the member attends. The browser's EventSource reconnects by itself after a dropped connection;
 * when the server refused the stream (it closes for good) this opens it again after a growing
 * pause. After any reconnect the page is told to load again, since events may have been missed.
 */
import { DailiesEvent, TakeEvent } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';

export interface TakeEventHandlers {
  onEvent: (event: TakeEvent) => void;
  /** A dailies room's news: the presenter moved, someone came or went, the playlist or session changed. */
  onDailies?: (event: DailiesEvent) => void;
  /** The stream came back after a break: load what may have changed meanwhile. */
  onReconnect?: () => void;
}

/** Where a project's events are streamed. */
export function eventsUrl(projectId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/events`;
}

/** Listens to a project's take events while mounted; answers whether the stream is open now. */
export function useTakeEvents(projectId: string, handlers: TakeEventHandlers): boolean {
  const latest = useRef(handlers);
  latest.current = handlers;
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = 1000;
    let broken = false;
    let stopped = false;

    const connect = () => {
      source = new EventSource(eventsUrl(projectId), { withCredentials: true });
      source.onopen = () => {
        setOpen(true);
        pause = 1000;
        if (broken) latest.current.onReconnect?.();
        broken = false;
      };
      source.addEventListener('take.changed', (message) => {
        const parsed = TakeEvent.safeParse(safeJson((message as MessageEvent<string>).data));
        if (parsed.success && parsed.data.projectId === projectId) latest.current.onEvent(parsed.data);
      });
      for (const name of ['dailies.presenter', 'dailies.presence', 'dailies.changed'] as const) {
        source.addEventListener(name, (message) => {
          const parsed = DailiesEvent.safeParse(safeJson((message as MessageEvent<string>).data));
          if (parsed.success && parsed.data.projectId === projectId) latest.current.onDailies?.(parsed.data);
        });
      }
      source.onerror = () => {
        setOpen(false);
        broken = true;
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        // Refused (not a stream, or signed out): the browser gives up, so try again later ourselves.
        retry = setTimeout(connect, pause);
        pause = Math.min(pause * 2, 30_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      setOpen(false);
    };
  }, [projectId]);

  return open;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
