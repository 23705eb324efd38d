export interface CommandIo {
  /** The password, from standard input or the environment. */
  password(): Promise<string>;
  print(line: string): void;
}

/** The command line itself is wrong (exit code 2). */
export class UsageError extends Error {}
