import { describe, expect, it } from 'vitest';
import { createStatementNames } from './statement-names';

describe('createStatementNames', () => {
  it('gives one text one name, and different texts different names', () => {
    const nameOf = createStatementNames();
    const first = nameOf({ sql: 'SELECT 1' });
    expect(first).not.toBe('');
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(first);
  });

  it('leaves texts past the limit unnamed, and keeps naming those it knows', () => {
    const nameOf = createStatementNames(2);
    const a = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBe('');
    expect(nameOf({ sql: 'SELECT 1' })).toBe(a);
  });
});
