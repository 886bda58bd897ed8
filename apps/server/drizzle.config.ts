import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema.ts and never edited after they land.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
