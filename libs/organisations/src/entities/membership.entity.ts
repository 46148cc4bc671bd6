import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@steppingstone/core';

export type MembershipStatus = 'active' | 'disabled';

@Entity('memberships')
export class Membership {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  role: Role;

  @Column('text', { default: 'active' })
  status: MembershipStatus;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
