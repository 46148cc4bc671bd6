import PDFDocument from 'pdfkit';

let measurer: PDFKit.PDFDocument | undefined;

/** Width in points (or SVG units) of text in Helvetica, from the same font metrics the PDF is drawn with. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  return measurer
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(fontSize)
    .widthOfString(text);
}

/**
 * Text broken into lines no wider than `width`, at spaces where it can and inside a word only when
 * the word alone is wider: every character is kept, so a label is never cut short.
 */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const fits = (line: string) => textWidth(line, fontSize, bold) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}
