import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecordCounts, PersonRecords, PersonRecordsHandler, PersonRef } from '@steppingstone/core';

/**
 * The delivery log keeps each message's recipient and subject (which may carry the person's name),
 * and a key that may hold the address; when the person is erased or anonymised, rows to their
 * address keep their status and dates only. Their keys become the row's own id, so nothing sent to
 * the address can be found by it.
 */
@Injectable()
export class DeliveryPersonRecords implements PersonRecordsHandler, OnModuleInit {
  readonly owner = 'notifications';

  constructor(private readonly registry: PersonRecords) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    await this.forget(manager, organisationId, person.email);
    return {};
  }

  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    await this.forget(manager, organisationId, person.email);
  }

  private async forget(manager: EntityManager, organisationId: string, email: string | null): Promise<void> {
    if (!email) return;
    await manager.query(
      `UPDATE deliveries SET recipient = 'anonymised', subject = NULL, error = NULL, key = 'anonymised:' || id::text, updated_at = now()
        WHERE organisation_id = $1 AND lower(recipient) = lower($2)`,
      [organisationId, email],
    );
  }
}
