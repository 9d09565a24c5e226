/** PDFs printed by headless Chromium (Debian's package), driven with playwright-core. One browser, started on first use. */
import { chromium, type Browser } from 'playwright-core';
import type { DocumentRenderer } from '../../ports/documents.ts';

// Without the background-networking flags Chromium keeps trying to reach the network, which a
// self-hosted machine may not have.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export function createChromiumPdfRenderer(options: { executablePath: string }): DocumentRenderer & { close(): Promise<void> } {
  let browser: Promise<Browser> | undefined;
  const getBrowser = () => {
    browser ??= chromium.launch({ executablePath: options.executablePath, args: ARGS }).catch((err: unknown) => {
      browser = undefined;
      throw new Error(`Chromium could not start from ${options.executablePath} (set BACKLOT_CHROMIUM): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    });
    return browser;
  };
  return {
    async renderPdf(html, { landscape = true } = {}) {
      const context = await (await getBrowser()).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = await browser?.catch(() => undefined);
      browser = undefined;
      await b?.close();
    },
  };
}
