import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The studio's Vite config (root: apps/studio, static files from public/) and the
 * workspace's Vitest config (unit tests beside the code in packages/ and apps/).
 */
export default defineConfig({
  root: 'apps/studio',
  publicDir: '../../public',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    root: '.',
    include: ['packages/*/src/**/*.test.ts', 'apps/studio/src/**/*.test.ts', 'apps/studio/src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30000,
  },
});
