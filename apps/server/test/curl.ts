import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs one curl example through the shell, as a person would paste it, against `baseUrl`.
 * Only the port and the placeholders change; the appended flags only shape curl's own output
 * (no progress meter, and the status on a last line) and leave the request as written. */
export async function runCurl(
  example: string,
  baseUrl: string,
  values: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  let command = example.replaceAll('http://127.0.0.1:8000', baseUrl);
  for (const [placeholder, value] of Object.entries(values)) {
    command = command.replaceAll(placeholder, value);
  }
  const { stdout } = await run(
    'sh',
    ['-c', `${command} --silent --show-error --write-out '\\n%{http_code}'`],
    {
      env: { ...process.env, NO_PROXY: '*', no_proxy: '*' },
    },
  );
  const newline = stdout.lastIndexOf('\n');
  return {
    status: Number(stdout.slice(newline + 1)),
    body: JSON.parse(stdout.slice(0, newline)) as unknown,
  };
}
