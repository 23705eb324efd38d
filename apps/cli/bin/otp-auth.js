#!/usr/bin/env node
// The compiled CLI (`pnpm --filter @otp-auth/cli build`, part of `pnpm build`).
await import('../dist/main.js');
