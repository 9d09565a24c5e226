/**
 * The dailies report from plain data (domain/dailies/report.data.ts): posters read from blob
 * storage, each drawn note's frame taken from the take's proxy with the drawing laid over it, the
 * page rendered (domain/dailies/report.html.ts), and printed to PDF by Chromium. The PDF is kept in
 * blob storage, whose address is its SHA-256: the hash a session writes into the audit chain.
 */
import { DomainError } from '../../domain/errors.ts';
import { forAudience, type DailiesReportData, type ReportAudience, type ReportTake } from '../../domain/dailies/report.data.ts';
import { reportHtml, type ReportPage, type ReportPageTake } from '../../domain/dailies/report.html.ts';
import type { BlobStore, StoredBlob } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DocumentRenderer } from '../../ports/documents.ts';
import type { AnnotatedFrameRenderer } from '../../ports/report-frames.ts';
import type { Staging } from '../../ports/staging.ts';
import type { TakeMediaTools } from '../../ports/take-media.ts';

export interface DailiesReportDeps {
  blobs: BlobStore;
  staging: Staging;
  takeMedia: Pick<TakeMediaTools, 'extractFrame'>;
  frames: AnnotatedFrameRenderer;
  documents: DocumentRenderer;
  clock: Clock;
}

/** A printed report: the PDF kept in blob storage (its sha256 is the hash for the audit chain) and the page it was printed from. */
export interface PrintedReport extends StoredBlob {
  html: string;
}

// Annotated frames print 80 mm wide: 960 pixels is sharp at 300 dpi and keeps the PDF small.
const FRAME_MAX_SIDE = 960;
// A proxy is a few megabytes; one far larger is not a proxy.
const MAX_PROXY_BYTES = 16 * 1024 ** 3;

/** A whole blob in memory (posters and the PDF's pictures are small JPEGs). */
async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const jpegUri = (bytes: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`;

export function createDailiesReportService(deps: DailiesReportDeps) {
  /** One take with its pictures inline: the poster, and each drawn note's frame from the proxy with the drawing on it. */
  async function withPictures(take: ReportTake): Promise<ReportPageTake> {
    const posterSrc = take.posterSha256 ? jpegUri(await readBlob(deps.blobs, take.posterSha256)) : null;
    const drawn = (n: ReportTake['notes'][number]) => n.drawing !== null && n.frame !== null && Boolean(take.proxySha256);
    if (!take.notes.some(drawn)) return { ...take, posterSrc, notes: take.notes.map((n) => ({ ...n, frameSrc: null })) };

    const scratch: string[] = [];
    try {
      const proxy = (await deps.staging.stage(await deps.blobs.get(take.proxySha256!), null, MAX_PROXY_BYTES)).path;
      scratch.push(proxy);
      const notes = [];
      for (const note of take.notes) {
        if (!drawn(note)) {
          notes.push({ ...note, frameSrc: null });
          continue;
        }
        const still = deps.staging.scratchPath('.png');
        scratch.push(still);
        try {
          await deps.takeMedia.extractFrame(proxy, note.frame!, still);
        } catch (err) {
          // A note at a frame the proxy lacks (a proxy remade shorter) keeps its words in the report, with the reason.
          if (!(err instanceof DomainError && err.code === 'media.unreadable')) throw err;
          notes.push({ ...note, frameSrc: null, frameProblem: err.message });
          continue;
        }
        notes.push({ ...note, frameSrc: jpegUri(await deps.frames.annotate(still, note.drawing!, { maxSide: FRAME_MAX_SIDE })) });
      }
      return { ...take, posterSrc, notes };
    } finally {
      await deps.staging.remove(...scratch);
    }
  }

  /** The page's data for an audience, pictures inline. */
  async function page(data: DailiesReportData, audience: ReportAudience): Promise<ReportPage> {
    const cut = forAudience(data, audience);
    const takes: ReportPageTake[] = [];
    for (const take of cut.takes) takes.push(await withPictures(take));
    return { ...cut, takes, audience, printedAt: deps.clock.now().toISOString() };
  }

  return {
    /**
     * The report as one self-contained HTML page, for the browser as for print. A client (viewer or
     * guest) gets the client's cut: no spend, no internal notes, no names of who decided.
     */
    async html(data: DailiesReportData, options: { audience?: ReportAudience } = {}): Promise<string> {
      return reportHtml(await page(data, options.audience ?? 'team'));
    },

    /** Prints the report (the team's cut unless said) to PDF and keeps it in blob storage. */
    async print(data: DailiesReportData, options: { audience?: ReportAudience } = {}): Promise<PrintedReport> {
      const html = reportHtml(await page(data, options.audience ?? 'team'));
      const pdf = await deps.documents.renderPdf(html, { landscape: false });
      const stored = await deps.blobs.put(
        (async function* () {
          yield pdf;
        })(),
      );
      return { ...stored, html };
    },
  };
}

export type DailiesReportService = ReturnType<typeof createDailiesReportService>;
