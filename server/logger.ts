import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; keys and passwords are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'key', 'secret', 'password', '*.password', '*.key'],
      censor: '[redacted]',
    },
  });
}
