import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../../common/auth/auth-user';
import { clientKey } from '../../common/http/client-key';

/** Limits per user when authenticated (the auth guard runs first), else per client IP (an IPv6 client by its /64). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const user = request.user as AuthUser | undefined;
    return user ? `user:${user.id}` : `ip:${clientKey(request.ip as string | undefined)}`;
  }
}
