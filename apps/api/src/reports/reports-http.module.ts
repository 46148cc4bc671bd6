import { Module } from '@nestjs/common';
import { OutboxModule } from '@steppingstone/core';
import { ReportsModule } from '@steppingstone/reports';
import { ReportsController } from './reports.controller';

/** Programme reports on request, their status and their files. */
@Module({
  imports: [ReportsModule, OutboxModule],
  controllers: [ReportsController],
})
export class ReportsHttpModule {}
