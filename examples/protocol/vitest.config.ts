import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their sources, so tests need no build (ssr: vitest runs as SSR).
  resolve: { conditions: ['@netstack/source'] },
  ssr: { resolve: { conditions: ['@netstack/source'] } },
  test: { include: ['src/**/*.test.ts'] },
});
