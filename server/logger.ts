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

/**
 * Resolves once the log's last lines are written, in order (at most `timeoutMs`). pino writes stdout
 * asynchronously: exiting with a write in flight would print the lines after it first, or lose them.
 * Nothing may be logged afterwards.
 */
export function endLog(logger: Logger, timeoutMs = 2_000): Promise<void> {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    { end?: () => void; once?: (event: string, cb: () => void) => void } | undefined;
  if (typeof stream?.end !== 'function' || typeof stream.once !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    stream.once!('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.end!();
  });
}
