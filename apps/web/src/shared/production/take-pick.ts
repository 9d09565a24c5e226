/** How a take's card takes part in picking takes for a decision: the events a grid wires to each card. */
import type { Take } from '@backlot/contracts';
import type { MouseEvent } from 'react';

export interface TakePicking {
  onFocus: (take: Take) => void;
  onMouseDown: (event: MouseEvent) => void;
  /** True when the click picked rather than opened. */
  onClick: (take: Take, event: MouseEvent) => boolean;
  /** The card's pick box, ticked or unticked with the mouse. */
  onPick: (take: Take) => void;
}
