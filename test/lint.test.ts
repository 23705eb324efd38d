import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'test/lint-fixtures');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** Runs one of `pnpm lint`'s checks on a fixture broken on purpose: it must fail, naming why. */
async function failing(command: string, args: string[], cwd: string): Promise<string> {
  try {
    await run(command, args, { cwd });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return stdout + stderr;
  }
  throw new Error(`${command} passed on a broken fixture`);
}

describe('pnpm lint', () => {
  it('fails on an import cycle (type-only too) and on imports against the layers', async () => {
    const output = await failing(
      bin('depcruise'),
      ['packages', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'],
      join(fixtures, 'structure'),
    );
    expect(output).toMatch(/no-circular: packages\/auth\/src\/cycle-a\.ts/);
    expect(output).toMatch(/domain-knows-no-transport: packages\/auth\/src\/transport\.ts/);
    expect(output).toMatch(/flows-hold-use-cases-only: packages\/auth\/src\/two-factor\//);
  });

  it('fails on a dead export and a dead file', async () => {
    const output = await failing(bin('knip'), ['--directory', '.'], join(fixtures, 'knip'));
    expect(output).toMatch(/deadExport/);
    expect(output).toMatch(/orphan\.ts/);
    expect(output).not.toMatch(/\bused\b.*helpers/);
  });

  it('fails on a path the docs name that does not exist', async () => {
    const output = await failing(
      process.execPath,
      [join(root, 'scripts/check-doc-paths.mjs'), join(fixtures, 'doc-paths')],
      root,
    );
    expect(output).toContain('README.md:3: apps/server/src/gone.ts');
    expect(output).toContain('README.md:4: docs/moved.md');
    expect(output).not.toContain('docs/kept.md');
  });
});
