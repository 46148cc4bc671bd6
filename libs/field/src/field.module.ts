import { Module } from '@nestjs/common';
import { Activity } from './activity/activity';
import { ActivityTotalsReport } from './activity/activity-totals';
import { ExpenseClaims } from './expenses/expense-claims';
import { PaymentBatches } from './expenses/payment-batches';
import { FieldSettingsService } from './settings/field-settings';

const PROVIDERS = [FieldSettingsService, Activity, ActivityTotalsReport, ExpenseClaims, PaymentBatches];

/** Work in the field: activity and hours, expense claims and their payment, and the organisation's figures for both. */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class FieldModule {}
