import { Application, ApplicationTransition } from './application.entity';
import { Intake, IntakeLocalityCapacity } from './intake.entity';
import { Programme } from './programme.entity';
import { ReferralPartner } from './referral-partner.entity';

export * from './application.entity';
export * from './intake.entity';
export * from './programme.entity';
export * from './referral-partner.entity';
export const RECRUITMENT_ENTITIES = [Programme, Intake, IntakeLocalityCapacity, Application, ApplicationTransition, ReferralPartner];
