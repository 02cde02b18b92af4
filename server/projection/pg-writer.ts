/**
 * The PostgreSQL projection writer's handle (issue 17, slice 2): runs PgProjector's passes behind the
 * log on this thread's event loop (its work is I/O and a pass's fold; between passes it yields), told
 * by the ingest path when the log grew (`logged`) and polling the log's head otherwise (another node's
 * ingest). Readers that must see their writes await `sync()`; ingest never waits for it.
 *
 * A failed pass (a lost connection, another writer's mark) is logged and tried again after
 * RETRY_MS: its transaction rolled back, the mark did not move, nothing is lost or written twice.
 */
import type { ProjectionStore } from '../db/projection-store/contract.js';
import type { DossierContext } from '../domain/dossier.js';
import { loadWireSchemas, WireSchemasNotLoaded } from '../domain/logged-events.js';
import type { Logger } from '../logger.js';
import { MarkMoved, PG_EVENTS_PER_PASS, PgProjector } from './pg-projector.js';
import { PROJECTION_FLUSH_MS } from './writer.js';

/** How often the log's head is read when nothing told the writer it grew. */
const POLL_MS = 5_000;
/** How long a failed pass waits before it is tried again. */
const RETRY_MS = 1_000;

export interface PgProjectionWriter {
  readonly engine: 'postgres';
  /** Catches up with the log as it is at start (the projections of an unclean stop's tail); answers the mark. */
  readonly started: Promise<number>;
  /** The log was committed up to `seq`: project it within flushMs. */
  logged(seq: number): void;
  /** Resolves once every event logged so far (as this node knows) is in the projections. */
  sync(): Promise<void>;
  /** Events known logged and not yet projected. */
  lag(): number;
  /** The mark after each pass. */
  onProjected(listener: (seq: number) => void): void;
  readonly projectedSeq: number;
  /** Projects what is pending and stops. */
  close(): Promise<void>;
}

// Long by design: one handle over the projector and its timers, waiters and listeners; each member is short.
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function startPgProjectionWriter(opts: {
  store: ProjectionStore;
  ctx: DossierContext;
  logger: Logger;
  flushMs?: number;
  pollMs?: number;
  eventsPerPass?: number;
}): PgProjectionWriter {
  const projector = new PgProjector(opts.store, opts.ctx, opts.eventsPerPass ?? PG_EVENTS_PER_PASS);
  const flushMs = opts.flushMs ?? PROJECTION_FLUSH_MS;
  const listeners: ((seq: number) => void)[] = [];
  const waiters: { seq: number; resolve(): void }[] = [];
  let lastLogged = 0;
  let timer: NodeJS.Timeout | null = null;
  /** The timer is a poll of the log's head (replaced by a flush when the log grew). */
  let polling = false;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const projected = (seq: number) => {
    for (const l of listeners) l(seq);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].seq <= seq) waiters.splice(i, 1)[0].resolve();
    }
  };

  /** Passes until the end of the log; a failure is logged and retried later. */
  async function passes(): Promise<void> {
    for (;;) {
      let pass;
      try {
        pass = await projector.project();
      } catch (err) {
        if (err instanceof WireSchemasNotLoaded) {
          await loadWireSchemas();
          continue;
        }
        const level = err instanceof MarkMoved ? 'warn' : 'error';
        opts.logger[level]({ err }, 'projection pass on PostgreSQL failed; the mark did not move, it is tried again');
        schedule(RETRY_MS);
        return;
      }
      if (pass.events > 0) projected(pass.seq);
      lastLogged = Math.max(lastLogged, pass.seq);
      if (pass.events < projector.passLimit) return;
      // A backlog: let the event loop answer requests between passes.
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Runs passes now, or once more after the running ones. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    polling = false;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await passes();
      } while (again);
    })().finally(() => {
      running = null;
      if (!closed && timer === null) schedule(opts.pollMs ?? POLL_MS, true);
    });
    return running;
  }

  function schedule(ms: number, poll = false): void {
    if (timer && polling && !poll) {
      clearTimeout(timer);
      timer = null;
    }
    if (closed || timer) return;
    polling = poll;
    timer = setTimeout(() => {
      timer = null;
      polling = false;
      if (!poll) return void flush();
      // A poll: pass only when the log grew (another node's ingest, or this node's unannounced).
      opts.store.logHead().then(
        (head) => {
          if (head > projector.projectedSeq) {
            lastLogged = Math.max(lastLogged, head);
            void flush();
          } else schedule(opts.pollMs ?? POLL_MS, true);
        },
        () => schedule(RETRY_MS),
      );
    }, ms);
    timer.unref?.();
  }

  const started = projector.start().then(async () => {
    await flush();
    return projector.projectedSeq;
  });
  started.catch(() => {});

  return {
    engine: 'postgres',
    started,
    logged(seq) {
      if (seq <= lastLogged) return;
      lastLogged = seq;
      schedule(flushMs);
    },
    async sync() {
      await started;
      if (projector.projectedSeq >= lastLogged) return;
      const wait = new Promise<void>((resolve) => waiters.push({ seq: lastLogged, resolve }));
      void flush();
      await wait;
    },
    lag() {
      return Math.max(0, lastLogged - projector.projectedSeq);
    },
    onProjected(listener) {
      listeners.push(listener);
    },
    get projectedSeq() {
      return projector.projectedSeq;
    },
    async close() {
      await started.catch(() => {});
      await flush();
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
