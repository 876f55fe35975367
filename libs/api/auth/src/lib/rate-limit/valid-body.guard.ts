import {
  CanActivate,
  ExecutionContext,
  Injectable,
  mixin,
  Type,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import type { Request } from 'express';

/** The options of the application's global validation pipe (STYLE.md 5). */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
};

const pipe = new ValidationPipe(VALIDATION_OPTIONS);

/**
 * A guard that checks the body against `dto` as the global pipe would, but before the other
 * guards: pipes run after guards, and a rate limit or passport must never see an unchecked name.
 * The checked and transformed body replaces the raw one.
 */
export function ValidBody(dto: Type<object>): Type<CanActivate> {
  @Injectable()
  class ValidBodyGuard implements CanActivate {
    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<Request>();
      request.body = await pipe.transform(request.body, { type: 'body', metatype: dto });
      return true;
    }
  }
  return mixin(ValidBodyGuard);
}
