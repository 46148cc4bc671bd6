import { DimensionGap, RepresentationFlag } from '@steppingstone/representativeness/engine';
import { FunnelStageView, STAGE_LABELS, FUNNEL_STAGES, EquityFunnelReport } from '@steppingstone/progression';
import { describePeriod } from '../period/report-period';
import { Cell, CountTable, suppressSmallCounts, SuppressedTable, unsuppressed } from '../suppression/small-counts';
import { CellValue, ReportDocument, ReportSection, ReportTable, WITHHELD_COMPLEMENT, withheldBelow } from './report-document';
import { ReportFigures, Representativeness } from './report-figures';

export interface BuildOptions {
  kind: ReportDocument['kind'];
  shared: boolean;
  threshold: number;
  producedAt: Date;
}

const REASON_LABELS: Record<string, string> = {
  motivation: 'Motivation',
  'classroom-environment': 'Coping with the classroom',
  'health-or-recovery': 'Health or recovery',
  'caring-responsibilities': 'Caring duties',
  employment: 'Work',
  'moved-away': 'Moved away',
  'excluded-for-behaviour': 'Excluded for behaviour',
  other: 'Other',
};

export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason;
}

export function buildReport(figures: ReportFigures, options: BuildOptions): ReportDocument {
  const protect = (table: CountTable): SuppressedTable => (options.shared ? suppressSmallCounts(table, options.threshold) : unsuppressed(table));
  const show = (cell: Cell): CellValue => (cell.status === 'shown' ? cell.value : cell.status === 'primary' ? withheldBelow(options.threshold) : WITHHELD_COMPLEMENT);
  const context = { protect, show, shared: options.shared, threshold: options.threshold };
  const periodText = describePeriod(figures.period);
  return {
    title: `Programme report: ${periodText}`,
    organisationName: figures.organisation.name,
    period: figures.period,
    periodText,
    kind: options.kind,
    shared: options.shared,
    threshold: options.threshold,
    producedAt: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: figures.organisation.timeZone }).format(options.producedAt),
    sections: [funnelSection(figures), equitySection(figures, context), dropoutSection(figures, context), representativenessSection(figures, context), outcomesSection(figures), fieldSection(figures)],
  };
}

interface Context {
  protect: (table: CountTable) => SuppressedTable;
  show: (cell: Cell) => CellValue;
  shared: boolean;
  threshold: number;
}

const percent = (value: number | null | undefined): CellValue => (value === null || value === undefined ? null : Math.round(value * 1000) / 10);

function funnelSection(figures: ReportFigures): ReportSection {
  return {
    key: 'funnel',
    title: 'From registration to sustained work',
    intro: `People who registered in the period (${describePeriod(figures.period)}) and how far each has come since. A person counts at a stage only having reached every stage before it.`,
    tables: [
      {
        key: 'funnel',
        title: 'Funnel',
        columns: ['Stage', 'People', 'From previous stage (%)', 'From registration (%)'],
        rows: figures.funnel.stages.map((s: FunnelStageView) => [s.label, s.count, s.fromPrevious?.percent ?? null, s.fromRegistered.percent]),
        chart: { labelColumn: 0, valueColumn: 1, title: 'People at each stage' },
      },
    ],
  };
}

/**
 * Groups by stage, with the overall funnel (published in full above) as the column totals. In a
 * shared report the rates and flags of a group with any count withheld are withheld too, since a
 * rate beside a shown count gives the withheld one back.
 */
function equitySection(figures: ReportFigures, context: Context): ReportSection {
  const tables = figures.equity.map((report: EquityFunnelReport): ReportTable => {
    const counts = report.groups.map((g) => g.stages.map((s) => s.count));
    const columns = ['Group', ...FUNNEL_STAGES.map((s) => STAGE_LABELS[s]), 'Falls short of the overall rate'];
    const base = { key: `equity-${report.dimension.key}`, title: `Equity funnel by ${report.dimension.label.toLowerCase()}`, columns };
    if (!counts.length) return { ...base, rows: [], note: 'Nobody registered in the period.' };
    const safe = context.protect({ cells: counts, totals: { rows: false, columns: true }, fixed: { columns: true } });
    if (safe.withheld) return { ...base, rows: [], note: `Withheld: with so few groups, publishing them would disclose counts below ${context.threshold}.` };
    const rows: CellValue[][] = report.groups.map((g, r) => {
      const complete = safe.cells[r].every((c) => c.status === 'shown');
      return [g.group, ...safe.cells[r].map(context.show), complete ? (g.flagged ? 'Yes' : 'No') : WITHHELD_COMPLEMENT];
    });
    rows.push(['All people', ...safe.columnTotals!.map(context.show), '']);
    return {
      ...base,
      rows,
      chart: { labelColumn: 0, valueColumn: 1, title: `Registered, by ${report.dimension.label.toLowerCase()}`, withoutTotalsRow: true },
      note: 'A group is flagged where a conversion falls below four-fifths of the overall rate (groups of fewer than 10 are not judged).',
    };
  });
  return {
    key: 'equity',
    title: 'Equity funnel',
    intro: 'The same funnel for each group, so a coordinator can see where one group falls behind. "Prefer not to say" and "Not recorded" are groups of their own.',
    tables,
  };
}

function dropoutSection(figures: ReportFigures, context: Context): ReportSection {
  const d = figures.dropout;
  const summary: ReportTable = {
    key: 'dropout-summary',
    title: 'Drop-out summary',
    columns: ['Measure', 'Value'],
    rows: [
      ['Cohorts', d.cohorts],
      ['Enrolled', d.enrolled],
      ['Completed', d.completed],
      ['Withdrawn', d.withdrawn],
      ['Drop-out rate (%)', percent(d.dropoutRate)],
      ['Median drop-out week', d.medianDropoutWeek],
    ],
  };
  const byWeek: ReportTable = {
    key: 'dropout-by-week',
    title: 'Retention by week of the course',
    columns: ['Week', 'Cohorts', 'Enrolled', 'Retained', 'Dropped out by this week', 'Retention (%)'],
    rows: d.retentionByWeek.map((w) => [w.week, w.cohorts, w.enrolled, w.retained, w.enrolled - w.retained, percent(w.retention)]),
    chart: { labelColumn: 0, valueColumn: 3, title: 'People still on the course, by week' },
  };

  // Reasons by locality, with the reasons overall as column totals and the total withdrawn (shown
  // in the summary) as the grand total: one table, so its withheld cells are protected together.
  const reasons = d.reasons.map((r) => r.reason);
  const localities = d.byLocality.map((l) => l.localityName ?? 'No locality recorded');
  const cells = d.byLocality.map((l) => reasons.map((reason) => l.reasons[reason] ?? 0));
  const tables = [summary, byWeek];
  if (reasons.length) {
    const safe = context.protect({ cells, totals: { rows: true, columns: true }, fixed: { grand: true } });
    tables.push({
      key: 'dropout-by-reason',
      title: 'Drop-out by reason',
      columns: ['Reason', 'People', 'Share of those who dropped out (%)'],
      rows: reasons.map((reason, c) => {
        const total = safe.columnTotals![c];
        return [reasonLabel(reason), context.show(total), total.status === 'shown' ? percent(d.reasons[c].share) : WITHHELD_COMPLEMENT];
      }),
      chart: { labelColumn: 0, valueColumn: 1, title: 'Drop-outs by reason' },
    });
    tables.push({
      key: 'dropout-by-locality-and-reason',
      title: 'Drop-out by locality and reason',
      columns: ['Locality', ...reasons.map(reasonLabel), 'All reasons'],
      rows: [
        ...localities.map((name, r) => [name, ...safe.cells[r].map(context.show), context.show(safe.rowTotals![r])]),
        ['All localities', ...safe.columnTotals!.map(context.show), context.show(safe.grandTotal!)],
      ],
    });
  } else {
    tables.push({
      key: 'dropout-by-reason',
      title: 'Drop-out by reason',
      columns: ['Reason', 'People', 'Share of those who dropped out (%)'],
      rows: [],
      note: 'Nobody dropped out of the cohorts that started in the period.',
    });
  }
  return {
    key: 'dropout',
    title: 'Drop-out',
    intro: `Cohorts that started in the period (${describePeriod(figures.period)}): who stayed week by week, and why people left.`,
    tables,
  };
}

function representativenessSection(figures: ReportFigures, context: Context): ReportSection {
  const tables = [...gapTables('pool', 'Applicants', figures.pool, context), ...gapTables('cohorts', 'People enrolled in cohorts', figures.cohorts, context)];
  const reference = figures.pool.available ? figures.pool.result.reference : figures.cohorts.available ? figures.cohorts.result.reference : null;
  return {
    key: 'representativeness',
    title: 'Representativeness',
    intro: reference
      ? `Applicants to date, and those enrolled in cohorts, against the census figures for ${reference.area.name} (${reference.datasetName}, version ${reference.datasetVersion}). Shares are of the people who answered.`
      : 'Applicants to date, and those enrolled in cohorts, against the borough’s census figures.',
    tables,
  };
}

function gapTables(key: string, population: string, figures: Representativeness, context: Context): ReportTable[] {
  if (!figures.available) return [{ key: `representativeness-${key}`, title: population, columns: [], rows: [], note: figures.reason }];
  const size = figures.result.population.size;
  return figures.result.dimensions.map((gap: DimensionGap & { label: string }): ReportTable => {
    const groups = [
      ...gap.categories.map((c) => ({ label: c.category, count: c.count, share: c.share, reference: c.referenceShare, flag: c.flag as RepresentationFlag | undefined })),
      ...gap.undisclosed.map((u) => ({ label: u.category, count: u.count, share: null, reference: null, flag: undefined })),
    ];
    const safe = context.protect({ cells: groups.map((g) => [g.count]), totals: { rows: false, columns: true }, fixed: { columns: true } });
    const base = { key: `representativeness-${key}-${gap.dimension}`, title: `${population} by ${gap.label.toLowerCase()} (${size} people)` };
    // In a shared report a share of those who answered would give back the withheld "Prefer not to say" and "Not recorded" counts, so only the census share is shown.
    const columns = context.shared
      ? ['Group', 'People', 'Census share (%)', 'Compared with the census']
      : ['Group', 'People', 'Share of those who answered (%)', 'Census share (%)', 'Compared with the census'];
    if (safe.withheld) return { ...base, columns, rows: [], note: `Withheld: with so few groups, publishing them would disclose counts below ${context.threshold}.` };
    const rows = groups.map((g, r) => {
      const cell = safe.cells[r][0];
      const flag = cell.status === 'shown' ? flagText(g.flag) : WITHHELD_COMPLEMENT;
      return context.shared ? [g.label, context.show(cell), percent(g.reference), flag] : [g.label, g.count, percent(g.share), percent(g.reference), flagText(g.flag)];
    });
    return { ...base, columns, rows, chart: { labelColumn: 0, valueColumn: 1, title: `${population} by ${gap.label.toLowerCase()}` } };
  });
}

function flagText(flag: RepresentationFlag | undefined): string {
  if (flag === 'under') return 'Under-represented';
  if (flag === 'over') return 'Over-represented';
  return flag === null ? 'In line' : '';
}

function outcomesSection(figures: ReportFigures): ReportSection {
  const o = figures.outcomes;
  const pair = (label: string, count: { inPeriod: number; toDate: number }): CellValue[] => [label, count.inPeriod, count.toDate];
  return {
    key: 'outcomes',
    title: 'Placements and job outcomes',
    intro: `What happened in the period (${describePeriod(figures.period)}), and in all up to the day this report was made, the day the funnel above counts to.`,
    tables: [
      {
        key: 'outcomes',
        title: 'Placements and jobs',
        columns: ['Measure', 'In the period', 'To date'],
        rows: [
          pair('Placements started', o.placementsStarted),
          ['Placements active now', null, o.placementsActiveNow],
          pair('Placements completed', o.placementsCompleted),
          pair('Placements ended early', o.placementsEndedEarly),
          pair('Jobs started', o.jobsStarted),
          pair('of which paid roles in the programme', o.paidRolesStarted),
          pair('Jobs sustained at 13 weeks', o.sustained13Weeks),
          pair('Jobs sustained at 26 weeks', o.sustained26Weeks),
          pair('Sustainment checks: not sustained', o.notSustained),
        ],
        chart: { labelColumn: 0, valueColumn: 2, title: 'Placements and jobs to date' },
      },
      {
        key: 'jobs-by-contract',
        title: 'Jobs by contract type',
        columns: ['Contract type', 'In the period', 'To date'],
        rows: o.byContractType.map((c) => [c.contractType, c.inPeriod, c.toDate]),
        ...(o.byContractType.length ? {} : { note: 'No jobs recorded yet.' }),
      },
    ],
  };
}

const KIND_LABELS: Record<string, string> = {
  'peer-contact': 'Peer contact',
  'outreach-event': 'Outreach event',
  'accompanied-visit': 'Accompanied visit',
  training: 'Training',
  admin: 'Admin',
};

const CATEGORY_LABELS: Record<string, string> = {
  mileage: 'Mileage',
  'public-transport': 'Public transport',
  parking: 'Parking',
  subsistence: 'Subsistence',
  materials: 'Materials',
  other: 'Other',
};

/** Pence as pounds to two places, a figure a spreadsheet can add up. */
const pounds = (pence: number | null): CellValue => (pence === null ? null : Math.round(pence) / 100);

/**
 * Hours of approved activity and people reached in the period, their social value at the
 * organisation's hourly rate, and expenses by category. No demographic counts, so a shared report
 * shows them as they are.
 */
function fieldSection(figures: ReportFigures): ReportSection {
  const { byKind, byMonth, expenses } = figures.field;
  const rate = byKind.socialValueHourlyPence;
  const sum = (key: 'approvedClaims' | 'approvedPence' | 'exportedPence' | 'waitingClaims' | 'waitingPence') => expenses.reduce((total, e) => total + e[key], 0);
  return {
    key: 'field',
    title: 'Work in the field',
    intro: `Activity that peer mentors and navigators logged for the period (${describePeriod(figures.period)}) and a coordinator approved, its social value at the organisation’s hourly rate, and expense claims for costs incurred in the period.`,
    tables: [
      {
        key: 'activity-summary',
        title: 'Hours and social value',
        columns: ['Measure', 'Value'],
        rows: [
          ['Activity entries approved', byKind.total.entries],
          ['Hours', byKind.total.hours],
          ['People reached', byKind.total.peopleReached],
          ['People who logged activity', byKind.total.people],
          ['Hourly rate (£)', rate ? pounds(rate) : null],
          ['Social value (£)', pounds(byKind.socialValuePence)],
        ],
        ...(rate ? {} : { note: 'No hourly rate is set, so there is no social-value figure (PUT /field-settings).' }),
      },
      {
        key: 'activity-by-kind',
        title: 'Activity by kind',
        columns: ['Kind', 'Entries', 'Hours', 'People reached'],
        rows: byKind.rows.map((r) => [KIND_LABELS[r.kind!] ?? r.kind!, r.entries, r.hours, r.peopleReached]),
        chart: { labelColumn: 0, valueColumn: 2, title: 'Hours by kind of activity' },
        ...(byKind.rows.length ? {} : { note: 'No approved activity in the period.' }),
      },
      {
        key: 'activity-by-month',
        title: 'Activity by month',
        columns: ['Month', 'Entries', 'Hours', 'People reached'],
        rows: byMonth.rows.map((r) => [r.month!, r.entries, r.hours, r.peopleReached]),
        ...(byMonth.rows.length ? {} : { note: 'No approved activity in the period.' }),
      },
      {
        key: 'expenses-by-category',
        title: 'Expenses by category',
        columns: ['Category', 'Approved claims', 'Approved (£)', 'In a payment batch (£)', 'Waiting for approval', 'Waiting (£)', 'Miles approved'],
        rows: expenses.length
          ? [
              ...expenses.map((e) => [
                CATEGORY_LABELS[e.category] ?? e.category,
                e.approvedClaims,
                pounds(e.approvedPence),
                pounds(e.exportedPence),
                e.waitingClaims,
                pounds(e.waitingPence),
                e.category === 'mileage' ? e.approvedMiles : null,
              ]),
              ['All categories', sum('approvedClaims'), pounds(sum('approvedPence')), pounds(sum('exportedPence')), sum('waitingClaims'), pounds(sum('waitingPence')), null],
            ]
          : [],
        ...(expenses.length ? {} : { note: 'No expense claims for the period.' }),
      },
    ],
  };
}
