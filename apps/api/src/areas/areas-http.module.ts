import { Module } from '@nestjs/common';
import { AreasModule } from '@steppingstone/areas';
import { LocalitiesController } from './localities.controller';

/** The organisation's localities. */
@Module({
  imports: [AreasModule],
  controllers: [LocalitiesController],
})
export class AreasHttpModule {}
