import { defineConfig } from 'drizzle-kit';

// Generation only diffs db/schema against db/migrations/meta; it needs no database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema',
  out: './db/migrations',
  strict: true,
});
