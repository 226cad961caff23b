import { createAuthClient } from 'better-auth/client';
import { AUTH_BASE_PATH } from './paths';

/** The browser's side of better-auth: signing out. (Signing in posts the form to app/sign-in/actions.ts.) */
export const authClient = createAuthClient({ basePath: AUTH_BASE_PATH });
