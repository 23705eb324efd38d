import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStorage } from './node';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otp-auth-file-storage-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const pair = { access: 'a.b.c', refresh: 'd.e.f' };

describe('fileStorage', () => {
  it('keeps the pair in a file only its owner can read, and deletes it on logout', async () => {
    const path = join(dir, 'nested', 'tokens.json');
    const storage = fileStorage(path);
    expect(await storage.get()).toBeNull();
    await storage.set(pair);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(pair);
    expect(await fileStorage(path).get()).toEqual(pair);
    await storage.set(null);
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await storage.set(null);
  });

  it('tightens a file that was readable by others when it writes', async () => {
    const path = join(dir, 'loose.json');
    await writeFile(path, '{}', { mode: 0o644 });
    await fileStorage(path).set(pair);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('reads a damaged or foreign file as no tokens', async () => {
    const path = join(dir, 'damaged.json');
    await writeFile(path, '{"access": 1', { mode: 0o600 });
    expect(await fileStorage(path).get()).toBeNull();
    await writeFile(path, '{"access": "x"}', { mode: 0o600 });
    expect(await fileStorage(path).get()).toBeNull();
  });
});
