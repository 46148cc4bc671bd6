import { escapeHtml } from '@steppingstone/notifications';
import { ReportTable } from '../content/report-document';
import { wrapText } from './text-lines';

const WIDTH = 480;
const LABEL_WIDTH = 190;
const LABEL_PADDING = 6;
const BAR_HEIGHT = 18;
const GAP = 6;
const VALUE_SPACE = 50;
const FONT_SIZE = 10;
const LINE_HEIGHT = 12;
const TITLE_SIZE = 12;
const TITLE_LINE_HEIGHT = 15;
const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/**
 * A horizontal bar chart as plain SVG (rectangles and text only, so svg-to-pdfkit draws the same
 * picture in the PDF). Labels wrap onto as many lines as they need rather than being cut short,
 * and a bar's row grows to hold its label. Withheld values get no bar, only their "<5" label; the
 * table beside the chart carries the same figures for anyone who cannot see it.
 */
export function barChartSvg(table: ReportTable, id: string): string | null {
  if (!table.chart || !table.rows.length) return null;
  const { labelColumn, valueColumn, title, withoutTotalsRow } = table.chart;
  const bars = (withoutTotalsRow ? table.rows.slice(0, -1) : table.rows).map((row) => ({ label: String(row[labelColumn] ?? ''), value: row[valueColumn] }));
  if (!bars.length) return null;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === 'number' ? b.value : 0)));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / max;
  const titleLines = wrapText(title, WIDTH, TITLE_SIZE, true);
  const top = titleLines.length * TITLE_LINE_HEIGHT + 9;
  const rows = bars.map((bar) => {
    const lines = wrapText(bar.label, LABEL_WIDTH - LABEL_PADDING, FONT_SIZE);
    return { ...bar, lines, height: Math.max(BAR_HEIGHT, lines.length * LINE_HEIGHT + 4) };
  });
  const height = top + GAP + rows.reduce((sum, r) => sum + r.height + GAP, 0);
  const shown = bars.map((b) => `${b.label}: ${b.value ?? 'none'}`).join('; ');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(shown)}</desc>`,
    textLines(0, 14, TITLE_LINE_HEIGHT, titleLines, `${FONT} font-size="${TITLE_SIZE}" font-weight="bold" fill="#1b1b1b"`),
  ];
  let y = top + GAP;
  for (const row of rows) {
    const length = typeof row.value === 'number' ? Math.max(row.value > 0 ? 1 : 0, Math.round(row.value * scale)) : 0;
    const barY = y + (row.height - BAR_HEIGHT) / 2;
    // The label's lines centred on the bar; the first baseline sits where a one-line label's did.
    const firstBaseline = y + (row.height - row.lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT - 2;
    parts.push(textLines(LABEL_WIDTH - LABEL_PADDING, firstBaseline, LINE_HEIGHT, row.lines, `text-anchor="end" ${FONT} font-size="${FONT_SIZE}" fill="#1b1b1b"`));
    if (length) parts.push(`<rect x="${LABEL_WIDTH}" y="${barY}" width="${length}" height="${BAR_HEIGHT}" fill="#1d5c8f"/>`);
    parts.push(`<text x="${LABEL_WIDTH + length + 4}" y="${barY + 13}" ${FONT} font-size="${FONT_SIZE}" fill="#1b1b1b">${escapeHtml(String(row.value ?? ''))}</text>`);
    y += row.height + GAP;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** One positioned <text> per line: the plainest form, drawn alike in a browser and by svg-to-pdfkit. */
function textLines(x: number, firstBaseline: number, lineHeight: number, lines: string[], attributes: string): string {
  return lines.map((line, i) => `<text x="${x}" y="${firstBaseline + i * lineHeight}" ${attributes}>${escapeHtml(line)}</text>`).join('');
}
