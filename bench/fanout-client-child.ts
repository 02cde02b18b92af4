/**
 * One process of the fan-out benchmark's clients (bench/fanout-clients.ts), driven over IPC by the
 * benchmark: connect, then rounds, then close.
 *   forked by clientPool with argv [push|poll, pollMs]
 */
import { localGroup, type ClientMode, type FromChild, type ToChild } from './fanout-clients.js';

const group = localGroup(process.argv[2] as ClientMode, Number(process.argv[3]));
const reply = (m: FromChild) => process.send?.(m);
const failed = (e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) });

process.on('message', (m: ToChild) => {
  if (m.type === 'connect') group.connect(m.url, m.n).then((result) => reply({ type: 'connected', result }), failed);
  else if (m.type === 'round') group.round(m.unit, m.t0, m.timeoutMs).then((result) => reply({ type: 'round', result }), failed);
  else if (m.type === 'posted') group.posted(m.postEnd);
  else {
    group.close();
    process.disconnect?.();
    setTimeout(() => process.exit(0), 200).unref();
  }
});
process.on('disconnect', () => {
  group.close();
  setTimeout(() => process.exit(0), 200).unref();
});
