import { describe, expect, it } from 'vitest';
import { normalizePath, restOperations } from './rest-operations';

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

  it('holds every openapi procedure once, and no browser.* procedure', () => {
    const keys = restOperations.map((op) => `${op.method} ${normalizePath(op.path)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(restOperations.length).toBeGreaterThanOrEqual(11);
    expect(restOperations.some((op) => op.procedure.startsWith('browser.'))).toBe(false);
  });
});
