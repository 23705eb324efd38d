import pino, { type Logger } from 'pino';

export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
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
    ...(options.pretty
      ? {
          transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
        }
      : {}),
  });
}

export type { Logger };
