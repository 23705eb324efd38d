import { text } from 'node:stream/consumers';
import { run } from './run';

process.exitCode = await run({
  argv: process.argv.slice(2),
  env: process.env,
  // A terminal gets no prompt: the password must be piped, so it never sits in the shell history.
  readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
