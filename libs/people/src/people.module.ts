import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@steppingstone/areas';
import { PersonRecordsModule } from '@steppingstone/core';
import { LinkPersonAccount } from './accounts/link-person-account';
import { Consents } from './consents/consents';
import { AnonymisePerson } from './data-rights/anonymise-person';
import { DataRightsRequests } from './data-rights/data-rights-requests';
import { ErasePerson } from './data-rights/erase-person';
import { ExportPersonData } from './data-rights/person-data-export';
import { DemographicProfiles } from './demographics/demographic-profiles';
import { PEOPLE_ENTITIES } from './entities';
import { MergePeople } from './merge/merge-people';
import { People } from './people';
import { ApplyRetention } from './retention/apply-retention';

const PROVIDERS = [People, DemographicProfiles, Consents, MergePeople, ExportPersonData, ErasePerson, LinkPersonAccount, AnonymisePerson, DataRightsRequests, ApplyRetention];

@Module({
  imports: [TypeOrmModule.forFeature(PEOPLE_ENTITIES), AreasModule, PersonRecordsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class PeopleModule {}
