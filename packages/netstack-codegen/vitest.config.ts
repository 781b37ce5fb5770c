import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@netstack/source'] },
  ssr: { resolve: { conditions: ['@netstack/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
