/** Job names on the Reports queue, and the data they carry: ids only. */
export const SCHEDULE_REPORTS = 'schedule-reports';
export const PRODUCE_REPORT = 'produce-report';

export interface ProduceReportJob {
  organisationId: string;
  reportId: string;
}

/** The report's id is the job's id, so relaying or scheduling it twice adds one job. */
export const produceReportJobId = (reportId: string) => reportId;
