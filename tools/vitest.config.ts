import { defineConfig } from 'vitest/config';

/**
 * The tools' own checks (a short soak, the codec fuzz of codec-bench's decoders); the long
 * runs are the scripts.
 */
export default defineConfig({
  resolve: { conditions: ['@netstack/source'] },
  ssr: { resolve: { conditions: ['@netstack/source'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
  },
});
