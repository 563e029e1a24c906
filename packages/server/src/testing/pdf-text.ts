/**
 * Tests only: the text of a PDF as a reader extracts it (pdfjs-dist's legacy build, which runs on
 * Node 20), page by page, plus the font facts a test checks (an embedded font file and ToUnicode
 * maps, read from the document's objects rather than grepped from raw streams).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: string[];
  /** Every page's text joined with newlines; items on a line joined without separators. */
  text: string;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  const pages: string[] = [];
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
  } finally {
    await pdf.destroy();
  }
  return { pages, text: pages.join('\n') };
}
