#!/usr/bin/env node
// Runs the TypeScript source through tsx, as every app of the workspace runs.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
