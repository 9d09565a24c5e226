/** Stills port: simple reference pictures drawn locally (no network), e.g. for the sample project. */

/** The colours of a still, as CSS hex colours. */
export interface StillPalette {
  /** Top and bottom of the sky (or the back wall, indoors). */
  sky: [string, string];
  /** Buildings, ground and figures. */
  ground: string;
  /** Lit windows, lamps and the title. */
  accent: string;
}

/** What to draw: the size, a title burned in at the bottom, the colours and what stands in the frame. */
export interface StillSpec {
  width: number;
  height: number;
  title: string;
  palette: StillPalette;
  /** The same seed draws the same picture. */
  seed: number;
  /** `set`: a row of buildings and lamps; `figure`: one person standing in front of them. */
  subject?: 'set' | 'figure';
}

/** Draws stills; the sharp adapter renders an SVG to PNG. */
export interface StillRenderer {
  /** Draws a still and writes it as PNG to `out`; answers the file's size in bytes. */
  renderStill(out: string, spec: StillSpec): Promise<{ size: number }>;
}
