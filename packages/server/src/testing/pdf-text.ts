/**
 * Tests only: the text of a PDF as a reader extracts it (pdfjs-dist's legacy build, which runs on
 * Node 20), page by page, plus the font facts a test checks (an embedded font file and ToUnicode
 * maps, read from the document's objects rather than grepped from raw streams).
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

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

export interface PdfPageDrawing {
  width: number;
  height: number;
  /** Every fill colour the page sets, as lower-case hex (`#cf1322`), in drawing order. */
  fillColours: string[];
}

/** What each page draws beyond its text: its size (points) and the fill colours it uses. */
export async function pdfDrawing(bytes: Uint8Array): Promise<PdfPageDrawing[]> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  const pages: PdfPageDrawing[] = [];
  const hex = (rgb: ArrayLike<number>) => `#${Array.from({ length: 3 }, (_, i) => Number(rgb[i]).toString(16).padStart(2, '0')).join('')}`;
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const ops = await page.getOperatorList();
      const fillColours = ops.fnArray.flatMap((fn, i) => (fn === OPS.setFillRGBColor ? [hex(ops.argsArray[i] as ArrayLike<number>)] : []));
      pages.push({ width: x1 - x0, height: y1 - y0, fillColours });
    }
  } finally {
    await pdf.destroy();
  }
  return pages;
}
