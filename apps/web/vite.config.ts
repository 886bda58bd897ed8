import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server; in development Vite forwards to it so the browser sees one origin,
// exactly like production where the server also serves this build.
const apiTarget = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; it sits in its own lazily loaded chunk.
    chunkSizeWarningLimit: 1600,
  },
});
