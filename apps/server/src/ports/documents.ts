/** Printing documents (storyboards, reports) to PDF. */
export interface DocumentRenderer {
  /** Renders a self-contained HTML page to PDF bytes. */
  renderPdf(html: string, options?: { landscape?: boolean }): Promise<Uint8Array>;
}
