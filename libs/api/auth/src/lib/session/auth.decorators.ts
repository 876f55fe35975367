import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '@confidant/shared/api-interfaces';
import type { Request } from 'express';
import { RolesGuard } from './roles.guard';
import { AuthContext } from './session.service';

export const IS_PUBLIC = 'confidant:public';
export const ROLES = 'confidant:roles';

/** The request carries the logged-in account here after the session guard. */
export interface AuthenticatedRequest extends Request {
  auth?: AuthContext;
}

/** A route anyone may call without a session. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** A route only the given roles may call (the session guard already required a login). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    UseGuards(RolesGuard),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'No valid session' }),
    ApiForbiddenResponse({ description: 'The role may not do this' }),
  );

/** The {@link AuthContext} of the logged-in caller. */
export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) {
    throw new Error('CurrentAuth used on a route without a session');
  }
  return auth;
});
