import { ActivityTotalRow, ActivityTotals } from '@steppingstone/field';
import { shapeFigures } from '@steppingstone/cohorts';
import { equityGroup, funnelStages, StageCounts } from '@steppingstone/progression';
import { analyseDimension } from '@steppingstone/representativeness/engine';
import { reportCsv } from '../render/report-csv';
import { reportHtml } from '../render/report-html';
import { buildReport } from './build-report';
import { ReportTable } from './report-document';
import { ReportFigures } from './report-figures';

const counts = (registered: number, completedTraining: number, startedPlacement: number, enteredEmployment: number, sustained26Weeks: number): StageCounts => ({
  registered,
  completedTraining,
  startedPlacement,
  enteredEmployment,
  sustained26Weeks,
});

/** A small programme: 40 registered, three groups by sex (one of them tiny), ten drop-outs in two localities. */
function figures(): ReportFigures {
  const overall = counts(40, 20, 12, 6, 0);
  const groups = [
    equityGroup('Female', false, counts(29, 20, 12, 6, 0), overall),
    equityGroup('Male', false, counts(8, 0, 0, 0, 0), overall),
    equityGroup('Prefer not to say', true, counts(3, 0, 0, 0, 0), overall),
  ];
  const gap = analyseDimension({ dimension: 'sex', population: { Female: 29, Male: 8, 'Prefer not to say': 3 }, reference: { Female: 110_000, Male: 106_000 } });
  return {
    organisation: { name: 'Calderdale Peer Network', timeZone: 'Europe/London' },
    period: { from: '2026-03-01', to: '2026-03-31' },
    funnel: { filter: {}, stages: funnelStages(overall) },
    equity: [{ filter: {}, dimension: { key: 'sex', label: 'Sex' }, shortfallRatio: 0.8, minimumGroupSize: 10, overall: funnelStages(overall), groups }],
    dropout: shapeFigures({
      cohorts: 1,
      enrolled: 36,
      withdrawn: 10,
      completed: 20,
      medianDropoutWeek: 4,
      retention: [
        { week: 1, cohorts: 1, enrolled: 36, retained: 36 },
        { week: 2, cohorts: 1, enrolled: 36, retained: 30 },
        { week: 3, cohorts: 1, enrolled: 36, retained: 26 },
      ],
      reasons: [
        { reason: 'motivation', count: 6 },
        { reason: 'health-or-recovery', count: 4 },
      ],
      byLocality: [
        { localityId: 'n', localityName: 'North', enrolled: 18, withdrawn: 7, completed: 10, medianDropoutWeek: 3, reasons: { motivation: 5, 'health-or-recovery': 2 }, retention: [] },
        { localityId: 's', localityName: 'South', enrolled: 18, withdrawn: 3, completed: 10, medianDropoutWeek: 5, reasons: { motivation: 1, 'health-or-recovery': 2 }, retention: [] },
      ],
    }),
    pool: {
      available: true,
      result: {
        population: { size: 40 },
        reference: { datasetId: 'd', datasetName: 'Census 2021', datasetVersion: 1, area: { kind: 'borough', name: 'E08000033', codes: ['E08000033'] }, referenceDate: '2026-03-31' },
        dimensions: [{ ...gap, label: 'Sex' }],
        intersections: [],
        whoIsntThere: [],
        capacity: null,
        unavailable: [],
      },
    },
    cohorts: { available: false, reason: 'There are no census figures to compare with yet' },
    outcomes: {
      placementsStarted: { inPeriod: 3, toDate: 12 },
      placementsActiveNow: 9,
      placementsCompleted: { inPeriod: 0, toDate: 3 },
      placementsEndedEarly: { inPeriod: 0, toDate: 0 },
      jobsStarted: { inPeriod: 2, toDate: 6 },
      paidRolesStarted: { inPeriod: 0, toDate: 0 },
      sustained13Weeks: { inPeriod: 0, toDate: 0 },
      sustained26Weeks: { inPeriod: 0, toDate: 0 },
      notSustained: { inPeriod: 0, toDate: 0 },
      byContractType: [{ contractType: 'permanent', inPeriod: 2, toDate: 6 }],
    },
    field: {
      byKind: activity('kind', [
        { kind: 'outreach-event', entries: 2, minutes: 300, hours: 5, peopleReached: 70 },
        { kind: 'peer-contact', entries: 1, minutes: 45, hours: 0.75, peopleReached: 1 },
      ]),
      byMonth: activity('month', [{ month: '2026-03', entries: 3, minutes: 345, hours: 5.75, peopleReached: 71 }]),
      expenses: [
        { category: 'mileage', approvedClaims: 1, approvedPence: 563, exportedPence: 0, approvedMiles: 12.5, waitingClaims: 0, waitingPence: 0 },
        { category: 'public-transport', approvedClaims: 2, approvedPence: 960, exportedPence: 480, approvedMiles: 0, waitingClaims: 1, waitingPence: 250 },
      ],
    },
  };
}

/** Three approved entries in March: 345 minutes (5.75 hours) reaching 71, at £12.21 an hour £70.21. */
function activity(by: 'kind' | 'month', rows: ActivityTotalRow[]): ActivityTotals {
  return {
    from: '2026-03-01',
    to: '2026-03-31',
    by: [by],
    status: 'approved',
    rows,
    total: { entries: 3, minutes: 345, hours: 5.75, peopleReached: 71, people: 2 },
    socialValuePence: 7021,
    socialValueHourlyPence: 1221,
  };
}

const build = (shared: boolean) => buildReport(figures(), { kind: 'monthly', shared, threshold: 5, producedAt: new Date('2026-04-01T05:30:00Z') });
const table = (key: string, shared: boolean): ReportTable =>
  build(shared)
    .sections.flatMap((s) => s.tables)
    .find((t) => t.key === key)!;

describe('building a programme report', () => {
  it('shows every count in the internal report', () => {
    expect(
      table('equity-sex', false)
        .rows.find((r) => r[0] === 'Prefer not to say')!
        .slice(1, 6),
    ).toEqual([3, 0, 0, 0, 0]);
    expect(table('dropout-by-locality-and-reason', false).rows).toEqual([
      ['North', 5, 2, 7],
      ['South', 1, 2, 3],
      ['All localities', 6, 4, 10],
    ]);
    expect(table('representativeness-pool-sex', false).rows.find((r) => r[0] === 'Prefer not to say')).toEqual(['Prefer not to say', 3, null, null, '']);
  });

  it('withholds small demographic counts in the shared report, with their complements', () => {
    const equity = table('equity-sex', true).rows;
    expect(equity.find((r) => r[0] === 'Prefer not to say')!.slice(1, 7)).toEqual(['<5', '<5', '<5', '<5', '<5', '[c]']);
    // The overall funnel is published in full, so it stays as the totals row.
    expect(equity.find((r) => r[0] === 'All people')!.slice(1, 6)).toEqual([40, 20, 12, 6, 0]);
    const grid = table('dropout-by-locality-and-reason', true).rows;
    expect(grid[2][3]).toBe(10);
    expect(grid.flat().filter((v) => typeof v === 'number' && v < 5)).toEqual([]);
    // The reasons overall are the grid's column totals, withheld alike.
    expect(table('dropout-by-reason', true).rows.map((r) => r[1])).toEqual(grid[2].slice(1, 3));
    const pool = table('representativeness-pool-sex', true);
    expect(pool.columns).toEqual(['Group', 'People', 'Census share (%)', 'Compared with the census']);
    expect(pool.rows.find((r) => r[0] === 'Prefer not to say')![1]).toBe('<5');
  });

  it('leaves non-demographic figures alone in both versions', () => {
    for (const shared of [false, true]) {
      expect(table('funnel', shared).rows.map((r) => r[1])).toEqual([40, 20, 12, 6, 0]);
      expect(table('outcomes', shared).rows[0]).toEqual(['Placements started', 3, 12]);
    }
  });

  it('gives hours, people reached and their social value, and expenses by category with their total, alike in both versions', () => {
    for (const shared of [false, true]) {
      expect(table('activity-summary', shared).rows).toEqual([
        ['Activity entries approved', 3],
        ['Hours', 5.75],
        ['People reached', 71],
        ['People who logged activity', 2],
        ['Hourly rate (£)', 12.21],
        ['Social value (£)', 70.21],
      ]);
      expect(table('activity-by-kind', shared).rows).toEqual([
        ['Outreach event', 2, 5, 70],
        ['Peer contact', 1, 0.75, 1],
      ]);
      expect(table('expenses-by-category', shared).rows).toEqual([
        ['Mileage', 1, 5.63, 0, 0, 0, 12.5],
        ['Public transport', 2, 9.6, 4.8, 1, 2.5, null],
        ['All categories', 3, 15.23, 4.8, 1, 2.5, null],
      ]);
    }
  });

  it('says when it was produced in the organisation’s time zone, and why a part is missing', () => {
    const report = build(false);
    expect(report.producedAt).toBe('1 April 2026 at 06:30');
    expect(report.title).toBe('Programme report: 1 March 2026 to 31 March 2026');
    expect(table('representativeness-cohorts', false).note).toBe('There are no census figures to compare with yet');
  });

  it('renders a multi-section CSV and an accessible HTML document from the same tables', () => {
    const csv = reportCsv(build(true)).toString('utf8');
    expect(csv).toContain('table,equity-sex,Equity funnel: Equity funnel by sex\n');
    expect(csv).toContain('Prefer not to say,<5,<5,<5,<5,<5,[c]\n');
    const html = reportHtml(build(true)).toString('utf8');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-1-title chart-1-desc">/);
    expect(html).toContain('<th scope="row">Prefer not to say</th><td class="">&lt;5</td>');
    expect(html).toContain('counts below 5 are withheld');
  });
});
