import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/route';

/**
 * Any /api path no route serves answers a JSON problem (404), never the app's HTML not-found page, whatever the
 * method: an integrator with a typo gets an answer their client can read.
 */
function unknownPath(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new AppError('not_found', `No API route at ${request.method} ${pathname.slice(0, 200)}: /api/openapi.json lists the routes`));
}

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const OPTIONS = unknownPath;
