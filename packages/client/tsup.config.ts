import { defineConfig } from 'tsup';

// JavaScript only: declarations come from scripts/build-types.ts, which makes them standalone.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/verify.ts', 'src/passkeys.ts'],
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  external: ['@trpc/client', '@trpc/server', 'jose', '@simplewebauthn/browser', /^node:/],
});
