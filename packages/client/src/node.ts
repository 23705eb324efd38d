import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseTokenPair, type TokenStorage } from './storage.js';

/**
 * Tokens in a JSON file readable by its owner only (0600), for CLIs and services in Node.
 * Writes go to a private temporary file renamed into place, so a reader never sees half a file.
 */
export function fileStorage(path: string): TokenStorage {
  return {
    async get() {
      try {
        return parseTokenPair(JSON.parse(await readFile(path, 'utf8')));
      } catch (error) {
        if (isMissing(error) || error instanceof SyntaxError) return null;
        throw error;
      }
    },
    async set(tokens) {
      if (!tokens) {
        await rm(path, { force: true });
        return;
      }
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(tokens), { mode: 0o600 });
      // The mode passed to writeFile is subject to the umask and ignored for an existing file.
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
