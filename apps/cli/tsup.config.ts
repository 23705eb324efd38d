import { defineConfig } from 'tsup';

// The CLI as one JavaScript file with everything it uses inside (the client package, tRPC's
// client): `node dist/main.js` needs nothing but Node.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: true,
  noExternal: [/./],
});
