import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@netstack/source'] },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
