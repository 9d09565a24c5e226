/**
 * Builds the Backlot web UI into apps/web/dist; `--mode test` builds the browser tests' copy, with
 * the player's test hook, into apps/web/dist-test. In development, /api goes to a local server on port 4100.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: mode === 'test' ? 'dist-test' : 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:4100' } },
}));
