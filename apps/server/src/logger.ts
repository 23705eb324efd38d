import pino, { type Logger } from 'pino';

const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

export function createLogger(options: { level: string; pretty: boolean }): Logger {
  const base = {
    level: options.level,
    // Belt and braces: even if a caller logs a body, these never reach the log.
    redact: {
      paths: [
        'password',
        '*.password',
        'otp',
        '*.otp',
        'access',
        'refresh',
        '*.access',
        '*.refresh',
        'refresh_token',
        '*.refresh_token',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  } satisfies pino.LoggerOptions;
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  // Asynchronous writes to stdout: a request never waits for its log line to reach a slow pipe
  // (synchronous writes cost 13 % of the server's time under load, ADR 101). pino flushes what
  // is buffered when the process exits. A reader that stops reading costs lines, not memory:
  // past LOG_BUFFER_BYTES waiting, new lines are dropped.
  return pino(base, pino.destination({ dest: 1, sync: false, maxLength: LOG_BUFFER_BYTES }));
}

export type { Logger };
