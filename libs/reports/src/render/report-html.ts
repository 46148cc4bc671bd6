import { escapeHtml } from '@steppingstone/notifications';
import { CellValue, ReportDocument, ReportTable } from '../content/report-document';
import { barChartSvg } from './bar-chart-svg';

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1d5c8f; } h3 { margin-top: 1.5rem; }
.meta { color: #444; } .shared { background: #fff4ce; border-left: 4px solid #8a6d00; padding: .5rem 1rem; }
.figure { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
table { border-collapse: collapse; font-size: .9rem; } caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; } th { background: #eef3f8; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #444; font-size: .9rem; }
`;

/** A self-contained, readable document: headings, each chart beside the table it is drawn from. */
export function reportHtml(document: ReportDocument): Buffer {
  const body = [
    `<h1>${escapeHtml(document.title)}</h1>`,
    `<p class="meta">${escapeHtml(document.organisationName)} · ${escapeHtml(kindText(document.kind))} · produced ${escapeHtml(document.producedAt)}</p>`,
    document.shared
      ? `<p class="shared">For sharing outside the organisation: counts below ${document.threshold} are withheld and shown as “&lt;${document.threshold}”, and other counts withheld so those cannot be worked out from the totals are shown as “[c]”.</p>`
      : `<p class="meta">Internal report: every count is shown. Do not share it outside the organisation.</p>`,
  ];
  let chart = 0;
  for (const section of document.sections) {
    body.push(`<section aria-labelledby="s-${section.key}"><h2 id="s-${section.key}">${escapeHtml(section.title)}</h2><p>${escapeHtml(section.intro)}</p>`);
    for (const table of section.tables) {
      body.push(`<h3>${escapeHtml(table.title)}</h3>`);
      const svg = barChartSvg(table, `chart-${++chart}`);
      body.push(`<div class="figure">${svg ? `<figure>${svg}</figure>` : ''}${tableHtml(table)}</div>`);
      if (table.note) body.push(`<p class="note">${escapeHtml(table.note)}</p>`);
    }
    body.push('</section>');
  }
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${document.title} – ${document.organisationName}`)}</title><style>${STYLE}</style></head><body><main>${body.join('\n')}</main></body></html>`;
  return Buffer.from(html, 'utf8');
}

function tableHtml(table: ReportTable): string {
  if (!table.columns.length || !table.rows.length) return '';
  const head = `<thead><tr>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const rows = table.rows.map(
    (row) => `<tr>${row.map((v, i) => (i === 0 ? `<th scope="row">${escapeHtml(text(v))}</th>` : `<td class="${typeof v === 'number' ? 'n' : ''}">${escapeHtml(text(v))}</td>`)).join('')}</tr>`,
  );
  return `<table><caption>${escapeHtml(table.title)}</caption>${head}<tbody>${rows.join('')}</tbody></table>`;
}

export function text(value: CellValue): string {
  return value === null ? '' : String(value);
}

export function kindText(kind: ReportDocument['kind']): string {
  return kind === 'on-demand' ? 'Report on request' : kind === 'weekly' ? 'Weekly report' : 'Monthly report';
}
