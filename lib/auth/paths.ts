/** Where better-auth's HTTP endpoints live: shared by the server instance and the browser client. */
export const AUTH_BASE_PATH = '/api/auth';
