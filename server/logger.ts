import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; keys, passwords, tokens, cookies and session ids are redacted wherever they
 * might appear (the demo's start-up message with its demo passwords is the one deliberate exception).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'req.headers.cookie',
          'headers.cookie',
          'res.headers["set-cookie"]',
          'key',
          'secret',
          'password',
          'token',
          'csrfToken',
          'sessionId',
          '*.password',
          '*.key',
          '*.secret',
          '*.token',
          '*.csrfToken',
          '*.sessionId',
          '*.displayToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
