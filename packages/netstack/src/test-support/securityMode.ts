import { inject } from 'vitest';
import type { SecurityMode } from '../security/securityMode.js';

declare module 'vitest' {
  export interface ProvidedContext {
    securityMode: SecurityMode;
  }
}

/**
 * The security mode this test run exercises: vitest runs the endpoint suites once per
 * mode (see vitest.config.ts), so every behaviour is checked signed and encrypted.
 */
export const testSecurityMode: SecurityMode = inject('securityMode') ?? 'sign';
