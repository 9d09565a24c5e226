/**
 * The shot's review criteria checked on one take (pass / fail / unsure), its 1–5 rating and a
 * one-line verdict. Each click saves at once; the verdict saves on Enter or when the field is left.
 * Read-only for members who may not decide.
 */
import { CRITERION_RESULTS, type Take } from '@backlot/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { CRITERION_WORDS } from '../../shared/production/review-words.ts';

type Result = (typeof CRITERION_RESULTS)[number];

export interface CriteriaFormProps {
  projectId: string;
  take: Take;
  /** The shot plan's checklist; the take's own results cover criteria since removed from the plan. */
  criteria: string[];
  editable: boolean;
  onSaved: (take: Take) => void;
}

export function CriteriaForm({ projectId, take, criteria, editable, onSaved }: CriteriaFormProps) {
  // Absent only for a viewer, who is not shown the form.
  const checked = take.criteria ?? [];
  const rating = take.rating ?? null;
  const saved = take.verdict ?? '';
  const [verdict, setVerdict] = useState(saved);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the verdict is reset when another take is shown, even if its saved verdict is equal
  useEffect(() => setVerdict(saved), [take.id, saved]);
  const results = new Map(checked.map((c) => [c.criterion, c.result]));
  const names = [...criteria, ...checked.map((c) => c.criterion).filter((c) => !criteria.includes(c))];

  const save = async (change: { result?: [string, Result]; rating?: number | null; verdict?: string }) => {
    const next = new Map(results);
    if (change.result) next.set(change.result[0], change.result[1]);
    setSaving(true);
    setError(undefined);
    try {
      const body = {
        results: [...next].map(([criterion, result]) => ({ criterion, result })),
        rating: change.rating !== undefined ? change.rating : rating,
        verdict: change.verdict ?? saved,
      };
      onSaved(await api.setCriteria({ params: { projectId, takeId: take.id }, body }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <fieldset className="criteria fieldset-bare" aria-label={`Criteria of ${take.code}`}>
      {names.length === 0 ? (
        <p className="muted small">The plan has no review criteria yet; write them in the plan's checklist.</p>
      ) : (
        <ul className="criteria-list">
          {names.map((name) => {
            const result = results.get(name);
            return (
              <li key={name} className="criterion">
                <span className="criterion-name">{name}</span>
                <span className="criterion-results" role="radiogroup" aria-label={name}>
                  {CRITERION_RESULTS.map((r) => (
                    // biome-ignore lint/a11y/useSemanticElements: segmented buttons that save on click, styled and disabled like the rating beside them; role=radio and aria-checked make the group a radio group
                    <button
                      key={r}
                      type="button"
                      role="radio"
                      aria-checked={result === r}
                      className={`criterion-result criterion-${r}${result === r ? ' is-on' : ''}`}
                      disabled={!editable || saving}
                      title={CRITERION_WORDS[r].word}
                      onClick={() => void save({ result: [name, r] })}
                    >
                      <span aria-hidden>{CRITERION_WORDS[r].icon}</span> {CRITERION_WORDS[r].word}
                    </button>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="rating" role="radiogroup" aria-label="Rating">
        <span className="faint small">Rating</span>
        {[1, 2, 3, 4, 5].map((n) => (
          // biome-ignore lint/a11y/useSemanticElements: clicking the checked star clears the rating, which a native radio cannot do; role=radio and aria-checked carry the choice
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} of 5`}
            className={`rating-star${rating !== null && n <= rating ? ' is-on' : ''}`}
            disabled={!editable || saving}
            onClick={() => void save({ rating: rating === n ? null : n })}
          >
            {rating !== null && n <= rating ? '★' : '☆'}
          </button>
        ))}
      </div>
      <label className="verdict">
        <span className="faint small">Verdict</span>
        <input
          className="input"
          value={verdict}
          maxLength={200}
          readOnly={!editable}
          placeholder={editable ? 'One line: why this take, or why not' : 'No verdict yet'}
          onChange={(e) => setVerdict(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') {
              setVerdict(saved);
              e.currentTarget.blur();
            }
          }}
          onBlur={() => {
            if (editable && verdict.trim() !== saved) void save({ verdict: verdict.trim() });
          }}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
