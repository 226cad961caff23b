import 'server-only';
import { NextResponse } from 'next/server';
import { AppError, toPublicError } from '@/lib/errors';
import { logger } from '@/lib/log';

/** JSON body of a request, or a 400 when it is not JSON (or is larger than `maxBytes`). */
export async function readJson(request: Request, maxBytes = 256 * 1024): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError('validation', 'The request body is too large');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation', 'The request body is not valid JSON');
  }
}

/** Maps an error to its JSON response; unexpected ones are logged and never shown raw. */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): NextResponse {
  const { status, error: shown } = toPublicError(error);
  if (status >= 500) logger().error({ err: error, ...context }, 'route failed');
  return NextResponse.json({ error: shown }, { status });
}
