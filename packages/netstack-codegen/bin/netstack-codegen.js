#!/usr/bin/env node
// The netstack-codegen executable: runs the built CLI (build the package first: `pnpm build`).
import { main } from '../dist/cli/main.js';

await main();
