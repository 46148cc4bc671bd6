import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Localities } from './localities/localities';
import { Locality } from './localities/locality.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Locality])],
  providers: [Localities],
  exports: [Localities],
})
export class AreasModule {}
