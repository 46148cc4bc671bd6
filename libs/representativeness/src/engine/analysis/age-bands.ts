/*
 * Age at a reference date, the census five-year bands, and a programme's own bands ("18-24",
 * "65+"). Programmes choose bands that do not line up with the census (35-49, or 18-24 against
 * "Aged 15 to 19"), so reference counts are re-banded by whole years of overlap.
 */
import { AGE_FIVE_YEAR_CATEGORIES } from '@steppingstone/areas/engine';

export interface AgeBand {
  label: string;
  /** Inclusive. */
  from: number;
  /** Inclusive; undefined for an open top band ("65+", "Aged 85 years and over"). */
  to?: number;
}

/** The census's open top band is treated as ten years wide when spreading counts across bands. */
const OPEN_BAND_WIDTH = 10;

/** Whole years of age on `referenceDate` (a birthday on the reference date counts). */
export function ageOn(dateOfBirth: Date, referenceDate: Date): number {
  let age = referenceDate.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const beforeBirthday =
    referenceDate.getUTCMonth() < dateOfBirth.getUTCMonth() || (referenceDate.getUTCMonth() === dateOfBirth.getUTCMonth() && referenceDate.getUTCDate() < dateOfBirth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Parses a band label: "18-24", "65+", "Aged 5 to 9 years", "Aged 4 years and under", "Aged 85 years and over". */
export function parseAgeBand(label: string): AgeBand {
  const text = label.trim();
  let match = /^(\d+)\s*-\s*(\d+)$/.exec(text) ?? /^Aged (\d+) to (\d+) years$/.exec(text);
  if (match) return checked({ label, from: Number(match[1]), to: Number(match[2]) });
  match = /^(\d+)\s*\+$/.exec(text) ?? /^Aged (\d+) years and over$/.exec(text);
  if (match) return { label, from: Number(match[1]) };
  match = /^Aged (\d+) years and under$/.exec(text) ?? /^(?:under|<)\s*(\d+)$/i.exec(text);
  if (match) return checked({ label, from: 0, to: text.startsWith('Aged') ? Number(match[1]) : Number(match[1]) - 1 });
  throw new Error(`"${label}" is not an age band (expected e.g. "18-24", "65+" or "Aged 5 to 9 years")`);
}

function checked(band: AgeBand): AgeBand {
  if (band.to !== undefined && band.to < band.from) throw new Error(`Age band "${band.label}" ends before it starts`);
  return band;
}

/** A programme's bands, checked to be in order and not to overlap. */
export function ageBandScheme(labels: readonly string[]): AgeBand[] {
  const bands = labels.map(parseAgeBand).sort((a, b) => a.from - b.from);
  for (let i = 1; i < bands.length; i++) {
    const previous = bands[i - 1];
    if (previous.to === undefined || previous.to >= bands[i].from) {
      throw new Error(`Age bands "${previous.label}" and "${bands[i].label}" overlap`);
    }
  }
  return bands;
}

export const CENSUS_FIVE_YEAR_BANDS: readonly AgeBand[] = AGE_FIVE_YEAR_CATEGORIES.map(parseAgeBand);

/** The band containing `age`, or undefined when no band does (e.g. under 18 in an adult scheme). */
export function bandForAge(age: number, bands: readonly AgeBand[] = CENSUS_FIVE_YEAR_BANDS): string | undefined {
  return bands.find((b) => age >= b.from && (b.to === undefined || age <= b.to))?.label;
}

export function bandForDateOfBirth(dateOfBirth: Date, referenceDate: Date, bands: readonly AgeBand[] = CENSUS_FIVE_YEAR_BANDS): string | undefined {
  return bandForAge(ageOn(dateOfBirth, referenceDate), bands);
}

function yearsOf(band: AgeBand): [number, number] {
  return [band.from, band.to ?? band.from + OPEN_BAND_WIDTH - 1];
}

/**
 * Re-bands counts from one scheme into another (e.g. census five-year bands into 18-24/25-34/...),
 * assuming ages are spread evenly within a source band. Source years outside every target band
 * are dropped (children against an adult scheme). Results are fractional where bands straddle.
 */
export function rebandCounts(counts: ReadonlyMap<string, number>, targetBands: readonly AgeBand[], sourceBands: readonly AgeBand[] = CENSUS_FIVE_YEAR_BANDS): Map<string, number> {
  const result = new Map<string, number>(targetBands.map((b) => [b.label, 0]));
  for (const source of sourceBands) {
    const count = counts.get(source.label) ?? 0;
    if (!count) continue;
    const [sFrom, sTo] = yearsOf(source);
    const width = sTo - sFrom + 1;
    for (const target of targetBands) {
      const tTo = target.to ?? Number.POSITIVE_INFINITY;
      const overlap = Math.min(sTo, tTo) - Math.max(sFrom, target.from) + 1;
      if (overlap > 0) result.set(target.label, (result.get(target.label) ?? 0) + (count * overlap) / width);
    }
  }
  return result;
}
