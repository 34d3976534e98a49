import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Ink reads CI at import time and FORCE_COLOR leaks ANSI codes into frames (STACK.md): pin both so
// golden frames are the same on a laptop and in CI. The real CI flag survives as CRONWARDEN_IN_CI,
// which decides whether a test that lacks a system binary skips (laptop) or fails (CI).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    env: { CRONWARDEN_IN_CI: process.env.CI === 'true' ? 'true' : 'false', CI: 'false', FORCE_COLOR: '0' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
