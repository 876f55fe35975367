import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './auth.decorators';
import { IS_PUBLIC } from './auth.decorators';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';

/**
 * Global guard: every route needs a live session unless it is marked `@Public()`. Public routes
 * still see the session when there is one (for example the logout).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.cookie.read(request);
    request.auth = token ? ((await this.sessions.resolve(token)) ?? undefined) : undefined;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!isPublic && !request.auth) {
      throw new UnauthorizedException('Please log in.');
    }
    return true;
  }
}
