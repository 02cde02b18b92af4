/**
 * The fault suite's server child (child.ts): started on a SQLite file with fixed source keys, its
 * clock moved from here, stopped gracefully or SIGKILLed, and started again on the same file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

export interface ChildSource {
  name: string;
  kind: 'dossier' | 'task';
  key: string;
  silentAfterMinutes?: number;
  hours?: 'office' | 'always';
}

export interface FaultServer {
  url: string;
  /** Moves the server's clock forward (the offset survives restarts); resolves with its new now. */
  advance(ms: number): Promise<number>;
  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown (server/graceful-close.ts). */
  stop(): Promise<void>;
  /** A new process on the same file, sources and clock offset (the recovery after a kill runs before it is ready). */
  restart(): Promise<FaultServer>;
}

/** A source key in the format keys.ts generates (only its hash is stored). */
export const newKey = (): string => `bdt_${randomBytes(24).toString('base64url')}`;

export async function startFaultServer(dbFile: string, sources: ChildSource[], offsetMs = 0): Promise<FaultServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'child.ts'), '--db', dbFile], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, FAULTS_SOURCES: JSON.stringify(sources), FAULTS_CLOCK_OFFSET_MS: String(offsetMs) },
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const lines = lineReader(child);
  const ready = await lines.next(/^READY (.*)$/, 60_000);
  const { url } = JSON.parse(ready[1]) as { url: string };
  let offset = offsetMs;
  const gone = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
    });
  return {
    url,
    async advance(ms) {
      offset += ms;
      child.stdin?.write(`advance ${ms}\n`);
      return Number((await lines.next(/^ADVANCED (\d+)$/, 5_000))[1]);
    },
    async kill() {
      child.kill('SIGKILL');
      await gone();
      process.off('exit', killOnExit);
    },
    async stop() {
      child.kill('SIGTERM');
      await gone();
      process.off('exit', killOnExit);
    },
    restart: () => startFaultServer(dbFile, sources, offset),
  };
}

/** Waits for stdout lines of the child matching a pattern (each line is seen once). */
function lineReader(child: ChildProcess) {
  let buf = '';
  const waiting: { re: RegExp; res: (line: string) => void }[] = [];
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const i = waiting.findIndex((x) => x.re.test(line));
      if (i >= 0) waiting.splice(i, 1)[0].res(line);
    }
  });
  return {
    next(re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      return new Promise((res, rej) => {
        const exit = () => rej(new Error(`server child exited (${child.exitCode ?? child.signalCode}) while waiting for ${re}`));
        const timer = setTimeout(() => {
          child.off('exit', exit);
          rej(new Error(`server child: no line matching ${re} after ${timeoutMs} ms`));
        }, timeoutMs);
        child.once('exit', exit);
        waiting.push({
          re,
          res: (line) => {
            clearTimeout(timer);
            child.off('exit', exit);
            res(re.exec(line) as RegExpExecArray);
          },
        });
      });
    },
  };
}
