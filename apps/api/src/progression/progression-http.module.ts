import { Module } from '@nestjs/common';
import { ProgressionModule } from '@steppingstone/progression';
import { FunnelController } from './funnel.controller';
import { MyProgressionController } from './me.controller';
import { JobsController, PaidRolesController } from './paid-roles.controller';

/** Paid roles, jobs and sustainment, the funnel and equity funnel, progression timelines and the participant's own records. */
@Module({
  imports: [ProgressionModule],
  controllers: [PaidRolesController, JobsController, FunnelController, MyProgressionController],
})
export class ProgressionHttpModule {}
