import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@steppingstone/areas';
import { LinkPersonAccount } from './accounts/link-person-account';
import { Consents } from './consents/consents';
import { ErasePerson } from './data-rights/erase-person';
import { ExportPersonData } from './data-rights/person-data-export';
import { DemographicProfiles } from './demographics/demographic-profiles';
import { PEOPLE_ENTITIES } from './entities';
import { MergePeople } from './merge/merge-people';
import { People } from './people';

const PROVIDERS = [People, DemographicProfiles, Consents, MergePeople, ExportPersonData, ErasePerson, LinkPersonAccount];

@Module({
  imports: [TypeOrmModule.forFeature(PEOPLE_ENTITIES), AreasModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class PeopleModule {}
