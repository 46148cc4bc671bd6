import { word } from '../../format';
import { BindingQuota, Quota, QuotaOutcome } from '../../types';

/** The engine joins two dimensions of an intersection quota with this (see the API's QuotaDto). */
const JOIN = ' x ';

const SEX: Record<string, string> = { female: 'Women', male: 'Men' };

/**
 * A quota's group as a person says it: "Women", "People aged 18-24", "Men in North". Intersections
 * read as one group; an answer with no natural phrase reads "People whose ethnic group is White".
 */
export function groupPhrase(category: string, feature: string): string {
  const categories = category.split(JOIN).map((c) => c.trim());
  const features = categories.length === 1 ? [feature] : feature.split(JOIN).map((f) => f.trim());
  let subject = 'People';
  const qualifiers: string[] = [];
  categories.forEach((c, i) => {
    const f = features[i] ?? '';
    if (c === 'sex' && SEX[f.toLowerCase()] && subject === 'People') subject = SEX[f.toLowerCase()];
    else if (c === 'age_18plus' || c === 'age') qualifiers.push(`aged ${f}`);
    else if (c === 'locality') qualifiers.push(`in ${f}`);
    else qualifiers.push(`whose ${word(c).toLowerCase()} is ${f}`);
  });
  return [subject, ...qualifiers.map((q, i) => (i > 0 && q.startsWith('whose') ? `and ${q}` : q))].join(' ');
}

const places = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;

/** "Women are held to at most 15 of the 30 places (22 of the 38 applicants are women)." */
export function bindingSentence(quota: BindingQuota, panelSize: number): string {
  const group = groupPhrase(quota.category, quota.feature);
  const pool = `${quota.poolCount} of the applicants ${quota.poolCount === 1 ? 'is' : 'are'} in this group`;
  if (quota.bound === 'max') return `${group} are held to at most ${quota.limit} of the ${places(panelSize)}, which holds their chance down (${pool}).`;
  if (quota.bound === 'min') return `${group} are given at least ${quota.limit} of the ${places(panelSize)}, which holds their chance up (${pool}).`;
  return `${group} get exactly ${quota.limit} of the ${places(panelSize)}, so their chance is set by that share (${pool}).`;
}

/** A quota's range in words, for lists of quotas outside their range or at risk. */
export function quotaRange(quota: Quota | QuotaOutcome): string {
  const range = quota.min === quota.max ? `exactly ${quota.min}` : `${quota.min} to ${quota.max}`;
  return `${groupPhrase(quota.category, quota.feature)}: ${range}${'selected' in quota ? `, ${quota.selected} on the panel` : ''}`;
}
