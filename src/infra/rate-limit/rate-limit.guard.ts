import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';

/** Limits per user when authenticated (the auth guard runs first), else per client IP. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const user = request.user as AuthUser | undefined;
    return user ? `user:${user.id}` : `ip:${String(request.ip)}`;
  }
}
