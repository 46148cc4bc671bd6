/**
 * The demo's programme report: the coordinator asks for one through the API, covering the year up
 * to today (last winter's finished cohort and this year's intakes), and the worker produces it and
 * emails the coordinators a link once it is done.
 */
import { daysFromToday, DemoCall, must } from './demo-api';

export async function seedReports(call: DemoCall, coordinatorToken: string): Promise<{ reportId: string }> {
  const report = must(await call('POST', '/reports', { from: daysFromToday(-365), to: daysFromToday(0), shared: false }, coordinatorToken), 202, 'programme report request');
  return { reportId: report.id as string };
}
