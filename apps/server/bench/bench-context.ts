// What every row producer of `pnpm bench` is given: the servers under test and the run's knobs.
import type { SmtpCapture } from '@otp-auth/auth/testing';
import type { SignedIn } from './server-process';

export interface ServerUnderTest {
  base: string;
  pid: number;
  database: 'PostgreSQL' | 'PGlite';
  /** A verified user, signed in once. */
  user: SignedIn;
  /** From the spawn to /readyz answering (migrations included). */
  startupMs: number;
  /** Resident memory once started and signed in, before any load (MB; null without /proc). */
  startRssMb: number | null;
  /** Resident memory once the started server has been idle for a while (set by run.ts). */
  idleRssMb?: number | null;
}

export interface BenchContext {
  bareUrl: string;
  /** tRPC's standalone adapter serving one trivial query, `ping` (ends with a slash). */
  standaloneUrl: string;
  server: ServerUnderTest;
  /** The PGlite server, when this run measures it. */
  pglite?: ServerUnderTest;
  smtp: SmtpCapture;
  seconds: number;
  /** Interleaved rounds per read target (medians are reported). */
  rounds: number;
  connections: number;
  bcryptCost: number;
}
