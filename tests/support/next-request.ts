/**
 * Stand-ins for `next/headers` and `next/cache` so server actions run in vitest as they do in Next: each test
 * says who is calling (`actAs`), and `headers()` and `cookies()` answer for that request. Wire them with
 * `vi.mock('next/headers', () => import('./support/next-request').then((m) => m.nextHeaders))`.
 */
const state = { headers: new Headers() };

/** The next server action runs for this session cookie (`name=value`), or anonymously with null. */
export function actAs(cookie: string | null, extra: Record<string, string> = {}): void {
  state.headers = new Headers({ ...(cookie ? { cookie } : {}), ...extra });
}

function cookieList() {
  return (state.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return { name: part.slice(0, at), value: part.slice(at + 1) };
    });
}

export const nextHeaders = {
  headers: async () => state.headers,
  cookies: async () => ({
    get: (name: string) => cookieList().find((c) => c.name === name),
    getAll: () => cookieList(),
    has: (name: string) => cookieList().some((c) => c.name === name),
    // Cookies the library sets from an action (e.g. after switching company) are not needed by the next call.
    set: () => undefined,
    delete: () => undefined,
  }),
  draftMode: async () => ({ isEnabled: false }),
};

export const nextCache = {
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  refresh: () => undefined,
  updateTag: () => undefined,
};
