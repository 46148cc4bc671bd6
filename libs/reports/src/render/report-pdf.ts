import PDFDocument from 'pdfkit';
import { ReportDocument, ReportTable } from '../content/report-document';
import { barChartSvg } from './bar-chart-svg';
import { kindText, text } from './report-html';

// svg-to-pdfkit ships no type declarations; its one export draws an SVG string onto a PDFKit document.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SVGtoPDF = require('svg-to-pdfkit') as (
  doc: PDFKit.PDFDocument,
  svg: string,
  x: number,
  y: number,
  options?: { width?: number; height?: number; assumePt?: boolean; fontCallback?: (family: string, bold: boolean, italic: boolean) => string },
) => void;

const MARGIN = 50;

/** The same document as the HTML, laid out on A4 pages: each chart drawn from the same SVG, its table below it. */
export function reportPdf(document: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: document.title, Author: document.organisationName, Subject: kindText(document.kind) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(document.title);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#444444')
    .text(`${document.organisationName} - ${kindText(document.kind)} - produced ${document.producedAt}`);
  doc.moveDown(0.5).fillColor('#1b1b1b');
  doc.text(
    document.shared
      ? `For sharing outside the organisation: counts below ${document.threshold} are withheld and shown as "<${document.threshold}"; counts withheld so those cannot be worked out from the totals are shown as "[c]".`
      : 'Internal report: every count is shown. Do not share it outside the organisation.',
  );
  let chart = 0;
  for (const section of document.sections) {
    ensureSpace(doc, 80);
    doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text(section.title);
    doc.font('Helvetica').fontSize(9).text(section.intro).moveDown(0.5);
    for (const table of section.tables) {
      ensureSpace(doc, 60);
      doc.font('Helvetica-Bold').fontSize(11).text(table.title).moveDown(0.3);
      const svg = barChartSvg(table, `chart-${++chart}`);
      if (svg) drawChart(doc, svg);
      drawTable(doc, table);
      if (table.note)
        doc
          .font('Helvetica-Oblique')
          .fontSize(8)
          .text(table.note, MARGIN, doc.y, { width: pageWidth(doc) });
      doc.moveDown(0.8);
    }
  }
  doc.end();
  return finished;
}

function pageWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * MARGIN;
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

/** At its own size, one SVG unit to a point (the chart is drawn narrower than the page for this). */
function drawChart(doc: PDFKit.PDFDocument, svg: string): void {
  const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  ensureSpace(doc, height + 10);
  const top = doc.y;
  SVGtoPDF(doc, svg, MARGIN, top, { width, height, assumePt: true, fontCallback: (_family, bold) => (bold ? 'Helvetica-Bold' : 'Helvetica') });
  doc.x = MARGIN;
  doc.y = top + height + 8;
}

/** A line per row, the first column wide for labels and the rest sharing the width. */
function drawTable(doc: PDFKit.PDFDocument, table: ReportTable): void {
  if (!table.columns.length || !table.rows.length) return;
  const size = table.columns.length > 6 ? 7 : 9;
  const rowHeight = size + 6;
  const first = Math.min(170, pageWidth(doc) / 2);
  const rest = (pageWidth(doc) - first) / Math.max(1, table.columns.length - 1);
  const x = (i: number) => MARGIN + (i === 0 ? 0 : first + (i - 1) * rest);
  const width = (i: number) => (i === 0 ? first : rest) - 4;
  // A cell too long for its column wraps onto more lines and the row grows with it: nothing is cut short.
  const line = (cells: string[], heading: boolean) => {
    doc.font(heading ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const height = Math.max(rowHeight, ...cells.map((cell, i) => doc.heightOfString(cell, { width: width(i) }) + 4));
    ensureSpace(doc, height + (heading ? rowHeight : 0));
    const y = doc.y;
    cells.forEach((cell, i) => doc.text(cell, x(i), y, { width: width(i), align: i === 0 ? 'left' : 'right' }));
    doc
      .moveTo(MARGIN, y + height - 2)
      .lineTo(MARGIN + pageWidth(doc), y + height - 2)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line(table.columns, true);
  for (const row of table.rows) line(row.map(text), false);
  doc.moveDown(0.3);
}
