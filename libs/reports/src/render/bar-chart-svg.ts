import { escapeHtml } from '@steppingstone/notifications';
import { ReportTable } from '../content/report-document';

const WIDTH = 480;
const LABEL_WIDTH = 170;
const BAR_HEIGHT = 18;
const GAP = 6;
const VALUE_SPACE = 50;

/**
 * A horizontal bar chart as plain SVG (rectangles and text only, so svg-to-pdfkit draws the same
 * picture in the PDF). Withheld values get no bar, only their "<5" label; the table beside the
 * chart carries the same figures for anyone who cannot see it.
 */
export function barChartSvg(table: ReportTable, id: string): string | null {
  if (!table.chart || !table.rows.length) return null;
  const { labelColumn, valueColumn, title, withoutTotalsRow } = table.chart;
  const bars = (withoutTotalsRow ? table.rows.slice(0, -1) : table.rows).map((row) => ({ label: String(row[labelColumn] ?? ''), value: row[valueColumn] }));
  if (!bars.length) return null;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === 'number' ? b.value : 0)));
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP + 24;
  const scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / max;
  const shown = bars.map((b) => `${b.label}: ${b.value ?? 'none'}`).join('; ');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(shown)}</desc>`,
    `<text x="0" y="14" font-family="Helvetica, Arial, sans-serif" font-size="12" font-weight="bold" fill="#1b1b1b">${escapeHtml(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = 24 + GAP + i * (BAR_HEIGHT + GAP);
    const length = typeof bar.value === 'number' ? Math.max(bar.value > 0 ? 1 : 0, Math.round(bar.value * scale)) : 0;
    parts.push(`<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end" font-family="Helvetica, Arial, sans-serif" font-size="10" fill="#1b1b1b">${escapeHtml(truncate(bar.label, 30))}</text>`);
    if (length) parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${length}" height="${BAR_HEIGHT}" fill="#1d5c8f"/>`);
    parts.push(`<text x="${LABEL_WIDTH + length + 4}" y="${y + 13}" font-family="Helvetica, Arial, sans-serif" font-size="10" fill="#1b1b1b">${escapeHtml(String(bar.value ?? ''))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
