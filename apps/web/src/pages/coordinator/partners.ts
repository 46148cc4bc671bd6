/** Referral partners as the API gives them (GET /referral-partners). */
export type { ReferralPartner } from '../../types';

export const PARTNER_KINDS = ['job-centre', 'gp-surgery', 'community-group', 'faith-group', 'housing-officer', 'existing-peer', 'other'];

export const KIND_WORDS: Record<string, string> = {
  'job-centre': 'Job centre',
  'gp-surgery': 'GP surgery',
  'community-group': 'Community group',
  'faith-group': 'Faith group',
  'housing-officer': 'Housing officer',
  'existing-peer': 'Existing peer',
  other: 'Other',
};
