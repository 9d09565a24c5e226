/**
 * The sample project's screenplay and its breakdown: "Night Shift", about a page of Fountain in
 * three scenes, written for Backlot's sample project (a night guard on a film backlot follows a
 * stage that lights itself), and for each scene its beat, its location still and its planned shots.
 */
import type { ShotPlanInput } from '@backlot/contracts';
import type { StillPalette } from '../../ports/stills.ts';

/** The Fountain text imported into the sample project. */
export const DEMO_SCREENPLAY = `Title: Night Shift
Credit: A sample screenplay for
Author: Backlot
Draft date: Sample project

INT. GUARD BOOTH - NIGHT #1#

A cramped booth at the back gate of a film lot. A bank of grey monitors, a thermos, a crossword with one word missing, a radio that hisses to itself.

NELL (60s), in a security jacket two sizes too big, writes the hour in the logbook: 2:00.

On the corner monitor, the work lights of Stage 9 blink on. Nobody is booked on Stage 9.

NELL
(into the radio)
Gate to anyone. Nine just woke up.

Static answers her. She clips the radio to her belt and takes the long flashlight.

EXT. BACKLOT STREET - NIGHT #2#

A small-town main street made of fronts: a bakery, a bank, a barber's pole, each only one wall deep. Sodium lamps. Fog drifts down from the water tower.

Nell walks down the middle of the road. Her beam finds the bakery window. Behind it, scaffolding and sandbags.

At the far end of the street, a figure in a long coat crosses and slips between two fronts.

NELL
The lot's closed, friend. Nobody shoots tonight.

No answer. In the road at her feet lies a slate, chalked in an old hand: NIGHT SHIFT, SCENE 1, TAKE 1.

She picks it up.

INT. STAGE 9 - NIGHT #3#

A soundstage the size of a hangar. One work light on a stand. Under it, half a diner: a counter, two stools, a booth with a torn seat.

In the booth sits OTIS (70s), the lot's old gaffer, in a coat from another decade. A cup of coffee steams in front of him.

OTIS
Forty years I lit this stage. Somebody ought to roll on it one more time.

Nell looks at the slate in her hands. Then she lifts it into the light.

NELL
Night Shift. Scene one, take one.

She claps it. The work light goes out. Somewhere in the dark, a camera starts to turn.
`;

/** A planned shot of the sample: its plan, and who of the cast is in it (their still goes on the plan). */
export interface DemoShot {
  plan: ShotPlanInput;
  cast: string[];
}

/** A scene of the sample as the breakdown has it: matched to the imported scene by number. */
export interface DemoScene {
  number: string;
  beat: string;
  location: { name: string; palette: StillPalette };
  shots: DemoShot[];
}

/** The character whose still is drawn (NELL is drafted from the script by the import). */
export const DEMO_CHARACTER = { name: 'NELL', palette: { sky: ['#101a36', '#7a4a2c'], ground: '#1a1a20', accent: '#ffd27a' } as StillPalette };

/** The breakdown: 3 scenes, 7 shots, each plan complete (job, action, camera size and move, environment, a criterion, length). */
export const DEMO_SCENES: DemoScene[] = [
  {
    number: '1',
    beat: 'Nell sees Stage 9 light up with nobody booked on it, and goes to look.',
    location: { name: 'Guard booth', palette: { sky: ['#0d1424', '#25324a'], ground: '#121419', accent: '#9fd3ff' } },
    shots: [
      {
        cast: ['NELL'],
        plan: {
          scenePurpose: 'Set up the night shift and the one thing that is wrong with it.',
          job: 'Establish Nell alone at the back gate at two in the morning',
          subjectAction: 'Nell writes the hour in the logbook while the monitors flicker around her.',
          camera: { size: 'WS', angle: 'eye-level', movement: 'push-in', lensFeel: 'wide', pace: 'slow' },
          environment: 'Cramped guard booth at the back gate; a bank of grey monitors; thermos, crossword and radio on the desk; cold monitor light.',
          constraints: { mustNotAppear: ['daylight'], mustNotDrift: ["Nell's oversized security jacket"] },
          reviewCriteria: ['Nell readable against the monitors', 'The push-in ends on the logbook'],
          targetFrames: 48,
        },
      },
      {
        cast: [],
        plan: {
          job: 'Show what Nell sees: Stage 9 waking up',
          subjectAction: 'On the corner monitor, the work lights of Stage 9 blink on.',
          camera: { size: 'INSERT', movement: 'static', lensFeel: 'normal' },
          environment: 'The corner monitor: a grainy security picture of the doors of Stage 9.',
          reviewCriteria: ['The lights coming on read on the small screen'],
          targetFrames: 48,
        },
      },
    ],
  },
  {
    number: '2',
    beat: 'On the empty street of fronts, someone who should not be there leaves her a slate.',
    location: { name: 'Backlot street', palette: { sky: ['#0a1330', '#3b2a4a'], ground: '#15161c', accent: '#f2b45c' } },
    shots: [
      {
        cast: ['NELL'],
        plan: {
          job: 'Show the street is a set, and that Nell is alone on it',
          subjectAction: 'Nell walks down the middle of the road; her beam finds the bakery window and the scaffolding behind it.',
          camera: { size: 'EWS', angle: 'high', movement: 'pan', lensFeel: 'wide', pace: 'measured' },
          environment: "A main street of fronts one wall deep: bakery, bank, barber's pole; sodium lamps; fog from the water tower; wet asphalt.",
          reviewCriteria: ['The fronts read as fronts, not real shops'],
          targetFrames: 60,
        },
      },
      {
        cast: [],
        plan: {
          job: 'Someone else is on the lot',
          subjectAction: 'At the far end of the street a figure in a long coat crosses and slips between two fronts.',
          camera: { size: 'MWS', angle: 'pov', movement: 'static', lensFeel: 'long' },
          environment: 'The far end of the street in fog, two fronts with a dark gap between them.',
          constraints: { mustNotAppear: ["the figure's face"], mustNotDrift: [] },
          reviewCriteria: ['The figure is seen for under a second'],
          targetFrames: 48,
        },
      },
      {
        cast: ['NELL'],
        plan: {
          job: 'The slate: the invitation',
          subjectAction: 'A chalked slate lies in the road at Nell’s feet; she picks it up.',
          camera: { size: 'INSERT', angle: 'high', movement: 'tilt', pace: 'slow' },
          environment: 'Wet asphalt under a sodium lamp, fog at ground level.',
          reviewCriteria: ['The chalk reads: NIGHT SHIFT, SCENE 1, TAKE 1'],
          targetFrames: 48,
        },
      },
    ],
  },
  {
    number: '3',
    beat: 'Otis asks for one more take on his stage; Nell gives it to him.',
    location: { name: 'Stage 9', palette: { sky: ['#050608', '#2a2620'], ground: '#101012', accent: '#ffe2a8' } },
    shots: [
      {
        cast: [],
        plan: {
          job: 'Reveal Otis in the half-built diner',
          subjectAction: 'Otis sits in the diner booth under the one work light, coffee steaming in front of him.',
          camera: { size: 'WS', angle: 'eye-level', movement: 'static', lensFeel: 'normal', pace: 'slow' },
          environment: 'A dark soundstage; one work light on a stand; half a diner: counter, two stools, a booth with a torn seat.',
          reviewCriteria: ['Only the diner is lit; the stage falls off to black'],
          targetFrames: 60,
        },
      },
      {
        cast: ['NELL'],
        plan: {
          job: 'Nell rolls one more take',
          subjectAction: 'Nell lifts the slate into the light and claps it; the work light goes out.',
          camera: { size: 'MCU', angle: 'low', movement: 'push-in', lensFeel: 'normal', pace: 'measured' },
          environment: 'Under the work light at the edge of the diner set, black beyond.',
          reviewCriteria: ['The clap and the light going out land on the same beat'],
          targetFrames: 48,
        },
      },
    ],
  },
];
