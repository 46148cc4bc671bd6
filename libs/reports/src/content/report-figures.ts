import { Injectable } from '@nestjs/common';
import { Actor, Role, Tenancy, todayIn } from '@steppingstone/core';
import { DropoutFigures, DropoutFiguresReport } from '@steppingstone/cohorts';
import { organisationProfile } from '@steppingstone/organisations';
import { EquityFunnelReport, FunnelReport, FunnelReports } from '@steppingstone/progression';
import { GapAnalyses, GapAnalysisResult, RepresentativenessError, RepresentativenessErrorCode } from '@steppingstone/representativeness';
import { ReportPeriod } from '../period/report-period';
import { FieldWork, fieldWork } from './field-work';
import { PlacementOutcomes, placementOutcomes } from './placement-outcomes';

/** The dimensions the equity funnel is split by in a report. */
export const EQUITY_DIMENSIONS = ['sex', 'age_18plus', 'ethnicity_broad', 'disability_broad', 'locality'] as const;

/** Applicants whose application reached enrolment: the people in cohorts, compared with the borough. */
export const COHORT_STAGES = ['enrolled'];

export type Representativeness = { available: true; result: GapAnalysisResult } | { available: false; reason: string };

export interface ReportFigures {
  organisation: { name: string; timeZone: string };
  period: ReportPeriod;
  funnel: FunnelReport;
  equity: EquityFunnelReport[];
  dropout: DropoutFigures;
  pool: Representativeness;
  cohorts: Representativeness;
  outcomes: PlacementOutcomes;
  field: FieldWork;
}

export interface ReportSubject {
  organisationId: string;
  reportId: string;
  period: ReportPeriod;
  /** The coordinator who asked; none for a scheduled report. */
  requestedBy: string | null;
}

/**
 * Gathers a report's figures from the services behind the API's own endpoints (the funnel, the
 * equity funnel, the drop-out figures and the gap analysis), so a report can never disagree with
 * what a coordinator sees on screen. The period filters registrations (funnel) and cohort start
 * dates (drop-out); the gap analysis covers applicants to date, as the screen does.
 */
@Injectable()
export class ReportFiguresLoader {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly funnels: FunnelReports,
    private readonly dropouts: DropoutFiguresReport,
    private readonly gaps: GapAnalyses,
  ) {}

  async load(subject: ReportSubject): Promise<ReportFigures> {
    const actor = reportActor(subject);
    const { period } = subject;
    const registered = { registeredFrom: period.from, registeredTo: period.to };
    const organisation = await this.tenancy.run(subject.organisationId, async (manager) => {
      const { name, timeZone } = (await organisationProfile(manager, subject.organisationId))!;
      return { name, timeZone };
    });
    const funnel = await this.funnels.funnel(actor, registered);
    const equity: EquityFunnelReport[] = [];
    for (const dimension of EQUITY_DIMENSIONS) equity.push(await this.funnels.equity(actor, { ...registered, dimension }));
    const dropout = await this.dropouts.acrossCohorts(actor, { startsFrom: period.from, startsTo: period.to });
    const pool = await this.representativeness(actor, {});
    const cohorts = await this.representativeness(actor, { stages: COHORT_STAGES });
    // To date means up to today, as the funnel counts (a period's end would leave out a check recorded since, which the funnel counts).
    const outcomes = await this.tenancy.run(subject.organisationId, (manager) => placementOutcomes(manager, subject.organisationId, period, todayIn(organisation.timeZone)));
    const field = await this.tenancy.run(subject.organisationId, (manager) => fieldWork(manager, subject.organisationId, period));
    return { organisation, period, funnel, equity, dropout, pool, cohorts, outcomes, field };
  }

  /** An organisation without census figures still gets its report, saying why this part is missing. */
  private async representativeness(actor: Actor, population: { stages?: string[] }): Promise<Representativeness> {
    try {
      return { available: true, result: await this.gaps.analyse(actor, { population }) };
    } catch (error) {
      if (error instanceof RepresentativenessError && [RepresentativenessErrorCode.NoCensusDataset, RepresentativenessErrorCode.ReferenceAreaWithoutFigures].includes(error.code)) {
        return { available: false, reason: error.message };
      }
      throw error;
    }
  }
}

/**
 * The services audit-log reads of demographic figures against an actor. A report acts for the
 * coordinator who asked for it; a scheduled one acts for nobody, so its entries carry no user (the
 * column is nullable) and name the report as the request instead.
 */
function reportActor(subject: ReportSubject): Actor {
  return { userId: subject.requestedBy ?? (null as unknown as string), organisationId: subject.organisationId, role: Role.Coordinator, sessionId: '', requestId: `report:${subject.reportId}` };
}
