import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AreasModule } from '@steppingstone/areas';
import { AppConfig, APP_CONFIG, csvBodyParser } from '@steppingstone/core';
import { CensusController, CENSUS_TABLES_PATH } from './census.controller';
import { LocalitiesController } from './localities.controller';

/** The organisation's localities and the census figures it compares with. */
@Module({
  imports: [AreasModule],
  controllers: [LocalitiesController, CensusController],
})
export class AreasHttpModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  // Census tables are the largest files the product takes; only their route reads a body that big.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...csvBodyParser(this.config.CSV_BODY_LIMIT)).forRoutes({ path: CENSUS_TABLES_PATH, method: RequestMethod.POST });
  }
}
