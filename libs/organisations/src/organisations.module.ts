import { Module } from '@nestjs/common';
import { NotificationsModule } from '@steppingstone/notifications';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ORGANISATION_ENTITIES } from './entities';
import { Account } from './auth/account';
import { Login } from './auth/login';
import { SecondFactor } from './auth/second-factor';
import { SessionLifecycle } from './auth/session-lifecycle';
import { Sessions } from './auth/sessions';
import { AcceptInvitation } from './invitations/accept-invitation';
import { Invitations } from './invitations/invitations';
import { InvitationEmails } from './invitations/invitation-emails';
import { Members } from './members/members';
import { OrganisationSettings } from './organisation/organisation-settings';
import { SignUp } from './sign-up/sign-up';
import { SignUpEmails } from './sign-up/sign-up-emails';
import { VerifySignUp } from './sign-up/verify-sign-up';
import { PlatformOrganisations } from './organisation/platform-organisations';

const PROVIDERS = [
  Account,
  Login,
  SecondFactor,
  SessionLifecycle,
  Sessions,
  AcceptInvitation,
  Invitations,
  InvitationEmails,
  Members,
  OrganisationSettings,
  SignUp,
  SignUpEmails,
  VerifySignUp,
  PlatformOrganisations,
];

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), NotificationsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class OrganisationsModule {}
