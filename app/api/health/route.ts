import { sql } from 'drizzle-orm';
import { NextResponse } from 'next/server';
import { database } from '@/db/client';
import { errorResponse } from '@/lib/http/route';
import { whenReady } from '@/lib/server/ready';

/** Liveness with a real database round trip (Playwright and load balancers wait on it). */
export async function GET() {
  try {
    await whenReady();
    const handle = await database();
    await handle.db.execute(sql`select 1 from companies limit 1`);
    return NextResponse.json({ status: 'ok', database: handle.kind });
  } catch (error) {
    return errorResponse(error, { route: 'health' });
  }
}
