import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence next to SameSite=Strict (DESIGN.md section 5): a request that changes something
 * must come from the portal's own pages. Browsers send `Origin` (and `Sec-Fetch-Site`) with every
 * such request, so a foreign or cross-site one is refused; tools without a browser send neither.
 */
export function originCheck(publicUrl: string) {
  const allowed = new URL(publicUrl).origin;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method)) {
      next();
      return;
    }
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (
      (origin !== undefined && origin !== allowed) ||
      site === 'cross-site' ||
      site === 'same-site'
    ) {
      response.status(403).json({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Requests that change something must come from the portal itself.',
      });
      return;
    }
    next();
  };
}
