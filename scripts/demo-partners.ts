import { DemoCall, must } from './demo-api';

/** The organisations (and one peer) that bring Islington's applicants, each with the code on its leaflets and paper forms. */
export const DEMO_PARTNERS = [
  { code: 'HOLLOWAYJC', name: 'Holloway Jobcentre', kind: 'job-centre', contactName: 'Dee Cole', contactEmail: 'dee.cole@holloway-jobcentre.example' },
  { code: 'ARCHWAYGP', name: 'Archway Medical Centre', kind: 'gp-surgery', contactName: 'Dr Amir Shah', contactPhone: '020 7946 0101' },
  { code: 'FPMOSQUE', name: 'Finsbury Park Mosque', kind: 'faith-group', contactName: 'Yusuf Ali' },
  { code: 'ANDOVER', name: 'Andover Estate housing office', kind: 'housing-officer', contactName: 'Kerry Lynch' },
  { code: 'KOFIPEER', name: 'Kofi Mensah', kind: 'existing-peer', notes: 'Peer mentor from the winter cohort; hands out forms at the Saturday drop-in' },
  { code: 'MARKSHUB', name: 'St Mark’s Community Hub', kind: 'community-group', contactName: 'Bea Okoro' },
] as const;

export type DemoPartnerCode = (typeof DEMO_PARTNERS)[number]['code'];

export async function seedPartners(call: DemoCall, coordinatorToken: string): Promise<void> {
  for (const partner of DEMO_PARTNERS) must(await call('POST', '/referral-partners', partner, coordinatorToken), 201, `referral partner ${partner.name}`);
}
