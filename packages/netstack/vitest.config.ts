import { defineConfig } from 'vitest/config';

/**
 * Unit tests run once; the suites that drive whole endpoints run once per security mode
 * (`inject('securityMode')` in src/test-support/securityMode.ts), so everything the
 * protocol promises is checked signed and encrypted.
 */
const endToEnd = ['src/endpoints/**/*.test.ts', 'src/transport/**/*.test.ts'];

export default defineConfig({
  // Workspace packages resolve to their sources, so tests need no build (ssr: vitest runs as SSR).
  resolve: { conditions: ['@netstack/source'] },
  ssr: { resolve: { conditions: ['@netstack/source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: endToEnd },
      },
      ...(['sign', 'encrypt'] as const).map((securityMode) => ({
        extends: true,
        test: { name: securityMode, include: endToEnd, provide: { securityMode } },
      })),
    ],
  },
});
