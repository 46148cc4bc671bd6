import { barChartSvg } from './bar-chart-svg';
import { textWidth, wrapText } from './text-lines';

describe('labels that fit', () => {
  const labels = ['of which paid roles in the programme', 'Black, Black British, Black Welsh, Caribbean or African', 'Pneumonoultramicroscopicsilicovolcanoconiosis and more', 'Short'];

  it('wraps text into lines no wider than asked, keeping every word', () => {
    for (const label of labels) {
      const lines = wrapText(label, 90, 10);
      for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(90);
      expect(lines.join(' ').replace(/\s+/g, '')).toBe(label.replace(/\s+/g, ''));
    }
    expect(wrapText('Short', 90, 10)).toEqual(['Short']);
  });

  it('draws each chart label in full, on lines that fit beside the bars', () => {
    const svg = barChartSvg(
      {
        key: 't',
        title: 'Placements and jobs to date',
        columns: ['Measure', 'To date'],
        rows: labels.map((l, i) => [l, i * 3]),
        chart: { labelColumn: 0, valueColumn: 1, title: 'Placements and jobs to date' },
      },
      'c',
    )!;
    const texts = [...svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ right: Number(m[1]), text: m[2] }));
    expect(svg).not.toContain('…');
    for (const { right, text } of texts) expect(textWidth(text, 10)).toBeLessThanOrEqual(right);
    const shown = texts.map((t) => t.text).join(' ');
    for (const label of labels.slice(0, 2)) expect(shown).toContain(label);
  });
});
