import type { Role } from '../../config/settings';

/** Who is calling, as the auth guard established it. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** The JWT this request came with (absent for a static API token), so it can be revoked. */
  jwt?: { id?: string; expiresAt: Date };
}

export function isAdmin(user: AuthUser): boolean {
  return user.role === 'ADMIN';
}

/** A USER may touch only their own data; an ADMIN may touch anyone's. */
export function canActFor(user: AuthUser, userId: number): boolean {
  return isAdmin(user) || user.id === userId;
}
