/** Annotated frames with sharp: the drawing's SVG (domain/dailies/report-drawing.ts) rasterised at the still's size and composited over it. */
import sharp from 'sharp';
import { drawingSvg } from '../../domain/dailies/report-drawing.ts';
import type { AnnotatedFrameRenderer } from '../../ports/report-frames.ts';

/** Creates the annotated-frame renderer. */
export function createSharpReportFrames(): AnnotatedFrameRenderer {
  return {
    async annotate(stillPath, drawing, { maxSide }) {
      const { width, height } = await sharp(stillPath).metadata();
      if (!width || !height) throw new Error('The frame still has no size sharp can read');
      const overlay = Buffer.from(drawingSvg(drawing, { width, height }));
      // Composited at full size first (so the drawing lands where it was drawn), then made smaller.
      const composed = await sharp(stillPath)
        .composite([{ input: overlay, left: 0, top: 0 }])
        .png()
        .toBuffer();
      return sharp(composed).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#000000' }).jpeg({ quality: 85 }).toBuffer();
    },
  };
}
