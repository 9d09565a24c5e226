/** Script revisions: each import is one, named by the colour of the pages a production office would issue. */

/** The customary order of revision colours; after cherry the cycle starts again as double white, double blue, … */
export const REVISION_COLOURS = ['white', 'blue', 'pink', 'yellow', 'green', 'goldenrod', 'buff', 'salmon', 'cherry'] as const;

const CYCLES = ['', 'double ', 'triple ', 'quadruple '];

/** The colour of revision `number` (1 is the first import, white): 10 is "double white", 19 "triple white". */
export function revisionColour(number: number): string {
  const index = number - 1;
  const colour = REVISION_COLOURS[index % REVISION_COLOURS.length];
  const cycle = Math.floor(index / REVISION_COLOURS.length);
  return `${CYCLES[cycle] ?? `${cycle + 1}× `}${colour}`;
}
