/** The one frame clock of the web UI (ui/player/frame-clock.ts), under the names review pages use. */
export { timecodeOf, frameAtTime as frameOfTime, seekTimeOf as timeOfFrame } from '../../shared/ui/player/frame-clock.ts';
