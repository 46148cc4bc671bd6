import { Module } from '@nestjs/common';
import { PersonRecordsModule } from '@steppingstone/core';
import { HostOrganisations } from './hosts/host-organisations';
import { Opportunities } from './hosts/opportunities';
import { ChangePlacement } from './placements/change-placement';
import { PlacePerson } from './placements/place-person';
import { Placements } from './placements/placements';
import { Supervision } from './supervision/supervision';
import { SafetyChecks } from './checks/safety-checks';
import { PlacementPersonRecords } from './person-records/placement-person-records';

const PROVIDERS = [HostOrganisations, Opportunities, PlacePerson, ChangePlacement, Placements, Supervision, SafetyChecks];

/** Host organisations, their opportunities, placements, supervision and reviews. */
@Module({
  imports: [PersonRecordsModule],
  providers: [...PROVIDERS, PlacementPersonRecords],
  exports: PROVIDERS,
})
export class PlacementsModule {}
