import { expect } from 'vitest';

/** Asserts that none of the given secrets, and nothing shaped like a JWT, is in the log text.
 * Codes are matched as whole numbers, so that a timestamp containing the digits is no hit. */
export function expectNoSecretsIn(logs: string, secrets: { codes: string[]; others: string[] }) {
  expect(logs.length).toBeGreaterThan(0);
  for (const code of secrets.codes) {
    expect(new RegExp(`(?<!\\d)${code}(?!\\d)`).test(logs), `code ${code} in logs`).toBe(false);
  }
  for (const secret of secrets.others) {
    expect(logs.includes(secret), 'a password or token in logs').toBe(false);
  }
  expect(logs).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
}
