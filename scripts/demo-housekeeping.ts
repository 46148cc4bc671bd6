import { DemoCall } from './demo-api';

/** The demo organisation's retention period, as its admin would set it: records anonymised 36 months after a person's last activity. */
export const DEMO_RETENTION_MONTHS = 36;

export async function seedHousekeeping(api: DemoCall, adminToken: string): Promise<void> {
  const response = await api('PATCH', '/organisation', { retentionMonths: DEMO_RETENTION_MONTHS }, adminToken);
  if (response.status !== 200) throw new Error(`Demo retention period failed: ${JSON.stringify(response.body)}`);
}
