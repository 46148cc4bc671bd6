import { Module } from '@nestjs/common';
import { PlacementsModule } from '@steppingstone/placements';
import { HostOrganisationsController, OpportunitiesController } from './hosts.controller';
import { PlacementsController } from './placements.controller';

/** Host organisations, opportunities, placements, supervision and reviews. */
@Module({
  imports: [PlacementsModule],
  controllers: [HostOrganisationsController, OpportunitiesController, PlacementsController],
})
export class PlacementsHttpModule {}
