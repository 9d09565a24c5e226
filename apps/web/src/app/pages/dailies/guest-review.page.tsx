/**
 * A guest on a review link (no account): they give their name (and the passcode when the link has
 * one), then see the session's takes as a viewer does — the picture, its code and review state,
 * nothing of prompt, seed, request or cost — and leave client-visible notes, with drawings, at a
 * frame. ↑/↓ step along the playlist; the player's keys work as everywhere.
 */
import type { GuestDailies, Note } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { formatWhen } from '../../../shared/lib/format.ts';
import { useAction } from '../../../shared/lib/use-action.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { isSignedOut, messageOf } from '../../../shared/lib/errors.ts';
import { ReviewBadge } from '../../../shared/production/take-status.tsx';
import { Banner } from '../../../shared/ui/banner.tsx';
import { Button } from '../../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../../shared/ui/form.tsx';
import { Loading } from '../../../shared/ui/page.tsx';
import { timecodeOf } from '../../../shared/ui/player/frame-clock.ts';
import { fpsOf, mustResync, presenterFrameAt } from '../../../features/dailies/follow.ts';
import { usePresence } from '../../../features/dailies/room.tsx';
import { useGuestRoom } from '../../../features/dailies/use-guest-room.ts';
import { stepItem } from '../../../features/dailies/session-view.ts';
import { DrawingOverlay } from '../../../features/review/index.ts';
import { NoteComposer } from '../../../features/review/note-composer.tsx';
import { TakePlayer, type PlayerHandle } from '../../../features/takes/take-player.tsx';

export function GuestReviewPage() {
  const { token = '' } = useParams();
  const session = useLoad(keys.guestDailies, () => api.guestDailies());
  const [joined, setJoined] = useState(false);
  if (session.data && (joined || !session.error)) return <GuestRoom data={session.data} reload={session.reload} />;
  if (!session.data && session.loading && !session.error) return <Loading what="Opening the review" />;
  return (
    <div className="auth-page guest-page">
      <JoinForm
        token={token}
        onJoined={() => {
          setJoined(true);
          session.reload();
        }}
        refused={session.error && !isSignedOut(session.error) ? session.error : undefined}
      />
    </div>
  );
}

function JoinForm({ token, onJoined, refused }: { token: string; onJoined: () => void; refused: unknown }) {
  const [name, setName] = useState('');
  const [passcode, setPasscode] = useState('');
  const join = useAction(() => api.joinReviewLink({ body: { token, name, ...(passcode ? { passcode } : {}) } }));
  return (
    <div className="auth-card">
      <h1 className="page-title">Review dailies</h1>
      <p className="muted">You were sent a link to review takes. Give your name: your notes go under it.</p>
      {refused ? <Banner tone="error">{messageOf(refused)}</Banner> : null}
      <Form
        label="Join the review"
        error={join.error}
        onSubmit={async () => {
          if (await join.run()) onJoined();
        }}
      >
        <Field label="Your name" name="name">
          <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="name" />
        </Field>
        <Field label="Passcode" name="passcode" hint="Only if you were given one with the link.">
          <Input type="password" value={passcode} onChange={(e) => setPasscode(e.target.value)} autoComplete="off" />
        </Field>
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={join.pending}>
            Open the review
          </Button>
        </FormActions>
      </Form>
    </div>
  );
}

function GuestRoom({ data, reload }: { data: GuestDailies; reload: () => void }) {
  const [mine, setMine] = useState<string | null>(data.items[0]?.id ?? null);
  const room = useGuestRoom(data.presenter, reload);
  const presenter = room.presenter;
  const followed = room.following && presenter?.itemId ? presenter.itemId : null;
  const itemId = followed ?? mine;
  const setItemId = (id: string) => {
    setMine(id);
    if (presenter && id !== presenter.itemId) room.look();
  };
  const [frame, setFrame] = useState(0);
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();
  const player = useRef<PlayerHandle>(null);
  usePresence((kind) => api.guestPresence({ body: { kind } }));
  const item = data.items.find((i) => i.id === itemId) ?? data.items[0];
  const take = item?.take;
  const notes = useLoad(keys.guestNotes(take?.id ?? ''), () => api.guestTakeNotes({ params: { takeId: take!.id } }), { enabled: !!take });
  // A guest is not told the project's rate; the proxy is conformed to it, which is the take's own on a project shot at one rate.
  const rate = take?.media?.frameRate ?? '24';
  // Following: the player goes where the presenter's is, and plays or pauses with it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the presenter's state is named by its seq; the player is a ref
  useEffect(() => {
    const p = player.current;
    if (!followed || !presenter || !take?.media || !p) return;
    const sync = () => {
      const target = { frame: presenterFrameAt(presenter, Date.now(), fpsOf(rate), take.media!.proxyFrames), playing: presenter.playing };
      if (!mustResync({ frame: p.frame(), playing: p.motion().playing }, target, 6)) return;
      void p.seekToFrame(target.frame).then(() => {
        if (presenter.playing && presenter.rate > 0) p.play(presenter.rate);
      });
    };
    sync();
    const check = presenter.playing ? setInterval(sync, 1000) : undefined;
    return () => clearInterval(check);
    // The presenter's state is named by its seq.
  }, [presenter?.seq, followed, take?.id]);
  return (
    <div className="guest-page">
      <header className="dailies-head">
        <div>
          <h1 className="page-title">{data.session.title}</h1>
          <p className="muted small">
            <span className="mono">{data.session.date}</span> · {data.items.length} takes · you are <strong>{data.guest.name}</strong> · the link works until {formatWhen(data.expiresAt)}
          </p>
        </div>
        <div className="dailies-presenting" aria-live="polite">
          {presenter ? (
            <span data-presenter={presenter.presenter.name}>
              <strong>{presenter.presenter.name}</strong> presents{!room.following && <span className="muted"> · you are looking privately</span>}
            </span>
          ) : (
            <span className="muted">Nobody presents</span>
          )}
          {presenter && !room.following && (
            <Button small onClick={room.snap}>
              Back to {presenter.presenter.name}
            </Button>
          )}
        </div>
      </header>
      <div className="dailies-layout">
        <div className="dailies-stage" data-take={take ? `${take.shotCode} ${take.code}` : ''}>
          {take?.media ? (
            <TakePlayer
              key={take.id}
              ref={player}
              media={take.media}
              rate={rate}
              label={`${take.shotCode} ${take.code}`}
              onFrame={setFrame}
              onVideoSize={setVideoSize}
              onStep={(by) => {
                const next = stepItem(data.items, item!.id, by);
                if (next) setItemId(next);
              }}
              overlay={<DrawingOverlay takeId={take.id} currentFrame={frame} frameSize={{ width: take.media.width, height: take.media.height }} pictureSize={videoSize} />}
            />
          ) : (
            <div className="player player-empty">
              <p className="muted">{data.items.length ? 'No picture for this take.' : 'The playlist is empty.'}</p>
            </div>
          )}
        </div>
        <aside className="dailies-aside" aria-label="Playlist and notes">
          <ol className="dailies-playlist" aria-label="Playlist">
            {data.items.map((i, n) => (
              // biome-ignore lint/a11y/noNoninteractiveElementInteractions: an item of the playlist that opens on click or Enter, as in the session's own playlist; it stays a listitem so the playlist reads as takes in order
              <li
                key={i.id}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: Enter opens the focused item (see above)
                tabIndex={0}
                className={i.id === item?.id ? 'dailies-item dailies-item-current' : 'dailies-item'}
                aria-current={i.id === item?.id ? 'true' : undefined}
                aria-label={`${n + 1}. ${i.take.shotCode} ${i.take.code}`}
                onClick={() => setItemId(i.id)}
                onKeyDown={(e) => e.key === 'Enter' && setItemId(i.id)}
              >
                <span className="dailies-item-n mono faint">{n + 1}</span>
                <span className="dailies-item-poster">{i.take.media ? <img src={i.take.media.poster} alt="" loading="lazy" /> : null}</span>
                <span className="dailies-item-code mono">
                  {i.take.shotCode} {i.take.code}
                </span>
                <ReviewBadge review={i.take.review} />
              </li>
            ))}
          </ol>
          {take?.media && (
            <section className="notes-panel" aria-label="Notes">
              <h2 className="side-panel-title">Notes</h2>
              <ul className="dailies-people" aria-label="Note threads">
                {(notes.data?.notes ?? []).map((n: Note) => (
                  <li key={n.id}>
                    {n.frame !== null && (
                      <button type="button" className="link-button mono small" onClick={() => void player.current?.seekToFrame(n.frame!)}>
                        {timecodeOf(n.frame, rate, 'ndf')}
                      </button>
                    )}{' '}
                    <strong>{n.author?.name ?? ''}</strong> {n.body}
                  </li>
                ))}
              </ul>
              <NoteComposer
                projectId=""
                takeId={take.id}
                members={[]}
                currentFrame={frame}
                frameSize={{ width: take.media.width, height: take.media.height }}
                timecodeOf={(f) => timecodeOf(f, rate, 'ndf')}
                clientOnly
                onPause={() => player.current?.pause()}
                frameNow={() => player.current?.frame() ?? frame}
                send={(body) => api.guestCreateNote({ params: { takeId: take.id }, body })}
                onSent={() => notes.reload()}
              />
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
