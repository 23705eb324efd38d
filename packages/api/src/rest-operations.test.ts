import { describe, expect, it } from 'vitest';
import type { AuthContext } from '@otp-auth/auth';
import { createContextInner } from './context';
import { normalizePath, restOperations } from './rest-operations';
import { appRouter } from './root';
import { createCallerFactory } from './trpc';

const byKey = new Map(restOperations.map((op) => [`${op.method} ${op.path}`, op]));

describe('the REST operations table', () => {
  it('is read from the procedures’ meta, through trpc-to-openapi’s public document', () => {
    expect(byKey.get('POST /api/login/')).toMatchObject({
      procedure: 'auth.login',
      successStatus: 200,
      takesInput: true,
      protect: false,
      errorStatuses: [401, 403],
      headers: {},
    });
    expect(byKey.get('POST /api/register/')).toMatchObject({
      procedure: 'auth.register',
      successStatus: 201,
    });
    expect(byKey.get('GET /api/profile/')).toMatchObject({
      procedure: 'account.profile',
      takesInput: false,
      protect: true,
    });
    expect(byKey.get('POST /api/logout/all/')).toMatchObject({ takesInput: false, protect: true });
  });

  it('names, in each operation id, a procedure the router has', async () => {
    // Called without a token or a body: refused by the procedure, never "no such procedure".
    const caller = createCallerFactory(appRouter)(createContextInner({ auth: {} as AuthContext }));
    const call = async (path: string) => {
      let node: unknown = caller;
      for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
      return (node as (input: unknown) => Promise<unknown>)({}).then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    };
    expect(await call('auth.noSuchThing')).toMatch(/No procedure found/);
    for (const { procedure } of restOperations) {
      expect(await call(procedure), procedure).not.toMatch(/No procedure found/);
    }
  });

  it('holds every openapi procedure once, and no browser.* procedure', () => {
    const keys = restOperations.map((op) => `${op.method} ${normalizePath(op.path)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(restOperations.length).toBeGreaterThanOrEqual(11);
    expect(restOperations.some((op) => op.procedure.startsWith('browser.'))).toBe(false);
  });
});
