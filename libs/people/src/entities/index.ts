import { Consent } from './consent.entity';
import { DemographicProfile } from './demographic-profile.entity';
import { Person } from './person.entity';

export * from './consent.entity';
export * from './demographic-profile.entity';
export * from './person.entity';
export const PEOPLE_ENTITIES = [Person, Consent, DemographicProfile];
