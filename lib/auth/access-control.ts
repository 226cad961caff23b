import { createAccessControl } from 'better-auth/plugins/access';
import type { Role } from './roles';

/**
 * The organization plugin's own permissions (its endpoints and the API-key plugin check them as a second line
 * behind our wrappers): only owners manage the company, its members and its keys.
 */
export const accessControl = createAccessControl({
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  apiKey: ['create', 'read', 'update', 'delete'],
} as const);

export const organizationRoles = {
  owner: accessControl.newRole({
    organization: ['update'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    apiKey: ['create', 'read', 'update', 'delete'],
  }),
  accountant: accessControl.newRole({ organization: [], member: [], invitation: [], apiKey: [] }),
  viewer: accessControl.newRole({ organization: [], member: [], invitation: [], apiKey: [] }),
} satisfies Record<Role, unknown>;
