// Drives test/other-service/service.ts: a separate process that verifies tokens offline.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../src/config';

type Verdict = { ok: true; claims: Record<string, unknown> } | { ok: false; code: string };

export interface OtherService {
  verify(token: string): Promise<Verdict>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./service.ts', import.meta.url));

export function startOtherService(jwksUrl: string, cacheMaxAgeSeconds?: number): OtherService {
  const args = [script, jwksUrl, ...(cacheMaxAgeSeconds ? [String(cacheMaxAgeSeconds)] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((verdict: Verdict) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    waiting.shift()?.(JSON.parse(line) as Verdict);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    verify(token) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${token}\n`);
      });
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
