/** The demo user on the e2e server: its password is fixed there (AILEGR_DEMO_PASSWORD) so specs can sign in. */
export const DEMO_EMAIL = 'demo@ailegr.test';
export const E2E_DEMO_PASSWORD = 'e2e demo password, not a secret';
/** The signed-in state the setup project saves and every other spec starts from. */
export const DEMO_STORAGE_STATE = 'e2e/.auth/demo.json';
/**
 * The e2e servers' per-address sign-in limit (AILEGR_SIGN_IN_ATTEMPTS_PER_MINUTE). Every spec signs in from 127.0.0.1,
 * so the default of 10 a minute would refuse the suite itself; auth.spec.ts hits this one from an address of its own.
 */
export const E2E_SIGN_IN_ATTEMPTS_PER_MINUTE = 100;
