import { createAuthClient } from 'better-auth/client';
import { AUTH_BASE_PATH } from './paths';

/** The browser's side of better-auth: signing in and out (the only endpoints app/api/auth serves). */
export const authClient = createAuthClient({ basePath: AUTH_BASE_PATH });
