/**
 * One take in a shot's grid: its poster (lazy), scrubbed through the filmstrip as the pointer
 * crosses it, the take code, model, generation status, review state, continuity and cost; cancel
 * and regenerate beside it for those who may generate.
 */
import type { Take } from '@backlot/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '../../shared/ui/button.tsx';
import { TakeRiskFlag } from '../../shared/production/take-risk-flag.tsx';
import type { TakePicking } from '../../shared/production/take-pick.ts';
import { prefetchSprite, tileAt, tileFrame, tileStyle } from './filmstrip.ts';
import { TakeFlags } from './take-flags.tsx';
import { ContinuitySummary, GenerationStatus, ReviewBadge } from '../../shared/production/take-status.tsx';
import { costLine, isTerminal, providerName, statusLine } from '../../shared/production/take-words.ts';
import { highlightPrompt } from './take-browser-filter.ts';

export interface TakeCardProps {
  projectId: string;
  take: Take;
  /** Present for members who may generate (and only on takes it applies to). */
  onCancel?: (take: Take) => void;
  onRegenerate?: (take: Take) => void;
  /** Picked for a triage decision (shift/ctrl-click, shift+arrows). */
  picked?: boolean;
  pick?: TakePicking;
  /** Names the take with its shot (`SC001_SH010 TK002`), for grids that mix shots. */
  showShot?: boolean;
  /** A prompt search: the card shows the prompt (to those who read it) with the words it matched marked. */
  search?: string;
  /** Its place in a windowed grid (1-based) and how many takes the grid holds. */
  position?: { at: number; of: number };
}

export function TakeThumb({ take }: { take: Take }) {
  const [tile, setTile] = useState<number>();
  const media = take.media;
  if (!media && take.mediaPurged) {
    // Retention purged the original, proxy and filmstrip: the poster stays, marked so nobody expects a picture to play.
    return (
      <div className="take-thumb take-thumb-purged" data-purged>
        <img src={take.mediaPurged.poster} alt="" loading="lazy" decoding="async" />
        <span className="take-purged-badge">media purged</span>
      </div>
    );
  }
  if (!media) {
    return (
      <div className="take-thumb take-thumb-empty">
        <span>{take.status === 'failed' ? 'no picture: the generation failed' : isTerminal(take.status) ? 'no picture' : 'rendering…'}</span>
      </div>
    );
  }
  const strip = media.filmstrip;
  const frame = tile === undefined ? undefined : tileFrame(strip, tile);
  return (
    // Scrubbing under the pointer is a preview for the eye: the link round the card names the take, and Enter opens it.
    <div
      className="take-thumb"
      aria-hidden
      onMouseMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        setTile(tileAt(strip, (e.clientX - box.left) / box.width));
      }}
      onMouseLeave={() => setTile(undefined)}
    >
      {/* biome-ignore lint/a11y/noNoninteractiveElementInteractions: a load, not a user's action: the filmstrip is fetched once the poster is in */}
      <img src={media.poster} alt="" loading="lazy" decoding="async" onLoad={() => prefetchSprite(strip.url)} />
      {tile !== undefined && <div className="take-scrub" style={{ ...tileStyle(strip, tile), aspectRatio: `${strip.tileWidth} / ${strip.tileHeight}` }} aria-hidden />}
      {frame !== undefined && (
        <span className="take-scrub-frame mono" aria-hidden>
          fr {frame}
        </span>
      )}
    </div>
  );
}

/** The prompt with the words a search matched marked. */
function PromptMatch({ prompt, search }: { prompt: string; search: string }) {
  return (
    <div className="take-card-prompt" title={prompt}>
      {highlightPrompt(prompt, search).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </div>
  );
}

export function TakeCard({ projectId, take, onCancel, onRegenerate, picked, pick, showShot, search, position }: TakeCardProps) {
  const cost = costLine(take);
  const name = showShot ? `${take.shotCode} ${take.code}` : take.code;
  return (
    <li
      className={`take-card take-card-${take.status} take-review-${take.review}${picked ? ' take-card-picked' : ''}`}
      aria-label={name}
      data-take-id={take.id}
      data-picked={picked || undefined}
      aria-posinset={position?.at}
      aria-setsize={position?.of}
    >
      <Link
        to={`/projects/${projectId}/takes/${take.id}`}
        className="take-card-link"
        aria-label={`${name}, ${take.review}, ${take.model ? `${take.model}, ` : ''}${statusLine(take)}${picked ? ', picked' : ''}`}
        onFocus={pick && (() => pick.onFocus(take))}
        onMouseDown={pick?.onMouseDown}
        onClick={pick && ((e) => void pick.onClick(take, e))}
      >
        <TakeThumb take={take} />
        <div className="take-card-body">
          <div className="take-card-head">
            <span className="mono take-code">
              {showShot && <span className="take-card-shot">{take.shotCode} </span>}
              {take.code}
            </span>
            {picked && (
              <span className="take-picked-mark" aria-hidden title="Picked for triage">
                ☑
              </span>
            )}
            {/* The state slot: the take's review state as UI.md shows it. */}
            <span className="take-card-state" data-slot="state">
              <ReviewBadge review={take.review} />
            </span>
          </div>
          <TakeFlags take={take} />
          <TakeRiskFlag take={take} on="card" />
          {take.model !== undefined && (
            <div className="take-card-meta" title={`${providerName(take.provider ?? '')} · ${take.model}`}>
              {take.model}
              {take.external && <span className="faint"> · external</span>}
            </div>
          )}
          <div className="take-card-line">
            <GenerationStatus take={take} />
            {cost && <span className="mono take-cost">{cost}</span>}
          </div>
          {search && take.prompt && <PromptMatch prompt={take.prompt} search={search} />}
          {take.error && <div className="take-card-error">{take.error.message}</div>}
          {take.continuity && <ContinuitySummary results={take.continuity} />}
        </div>
      </Link>
      {pick && (
        <button
          type="button"
          className={picked ? 'take-pick is-on' : 'take-pick'}
          aria-pressed={!!picked}
          aria-label={`Pick ${take.code}`}
          title={picked ? `Picked: R/M/S/A decide, Compare compares (click to let go)` : `Pick ${take.code} to decide on several takes or compare them`}
          // The focus stays on the focused card, so the keys keep working after a click here.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => pick.onPick(take)}
        >
          <span aria-hidden>{picked ? '☑' : '☐'}</span>
        </button>
      )}
      {(onCancel || onRegenerate) && (
        <div className="take-card-actions">
          {onCancel && !isTerminal(take.status) && take.status !== 'cancel_requested' && (
            <Button small variant="ghost" aria-label={`Cancel ${take.code}`} onClick={() => onCancel(take)}>
              Cancel
            </Button>
          )}
          {onRegenerate && !take.external && (
            <Button small variant="ghost" aria-label={`Regenerate ${take.code}`} onClick={() => onRegenerate(take)}>
              Regenerate
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
