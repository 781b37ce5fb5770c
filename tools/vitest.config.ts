import { defineConfig } from 'vitest/config';

/** The tools' own checks: the codec fuzz of codec-bench's generated decoders. */
export default defineConfig({
  resolve: { conditions: ['@netstack/source'] },
  ssr: { resolve: { conditions: ['@netstack/source'] } },
  test: { include: ['fuzz/**/*.test.ts'], testTimeout: 60_000 },
});
