export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Trainer = 'trainer',
  Mentor = 'mentor',
}
export const ROLES = Object.values(Role);

/** Roles that can see special-category data, for which an organisation may require a second factor. */
export const SPECIAL_CATEGORY_ROLES: Role[] = [Role.Admin, Role.Coordinator];
