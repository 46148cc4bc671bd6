import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Role } from './roles';

export const POLICY_KEY = 'steppingstone:policy';
export const SECOND_FACTOR_EXEMPT_KEY = 'steppingstone:second-factor-exempt';

/**
 * The OpenAPI extensions the policy stamps on each operation, so the document (and the README table
 * and the role-matrix test built from it) says exactly what the guard enforces.
 */
export const ROLES_EXTENSION = 'x-roles';
export const PUBLIC_EXTENSION = 'x-public';

export type Policy = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/**
 * Every endpoint declares who may call it; the guard refuses endpoints that declare nothing, so a
 * forgotten decorator fails closed. The same declaration stamps the OpenAPI operation, so the
 * document cannot drift from what the guard does.
 */
export const Public = () => applyDecorators(SetMetadata(POLICY_KEY, { kind: 'public' } satisfies Policy), ApiExtension(PUBLIC_EXTENSION, true));
export const AllowRoles = (...roles: Role[]) => applyDecorators(SetMetadata(POLICY_KEY, { kind: 'roles', roles } satisfies Policy), ApiExtension(ROLES_EXTENSION, roles));
export const AnyMember = () => AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer, Role.Mentor);

/** Reachable before a required second factor is set up (to set it up, to see who you are, to log out). */
export const SecondFactorExempt = () => SetMetadata(SECOND_FACTOR_EXEMPT_KEY, true);
