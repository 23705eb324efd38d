import { defineConfig } from 'vitest/config';

// Starting PGlite and the WASM schema engine takes seconds on a small machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
