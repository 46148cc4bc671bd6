import { SetMetadata } from '@nestjs/common';
import { Role } from './roles';

export const POLICY_KEY = 'steppingstone:policy';
export const SECOND_FACTOR_EXEMPT_KEY = 'steppingstone:second-factor-exempt';

export type Policy = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/**
 * Every endpoint declares who may call it; the guard refuses endpoints that declare nothing, so a
 * forgotten decorator fails closed.
 */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies Policy);
export const AllowRoles = (...roles: Role[]) => SetMetadata(POLICY_KEY, { kind: 'roles', roles } satisfies Policy);
export const AnyMember = () => AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer, Role.Mentor);

/** Reachable before a required second factor is set up (to set it up, to see who you are, to log out). */
export const SecondFactorExempt = () => SetMetadata(SECOND_FACTOR_EXEMPT_KEY, true);
