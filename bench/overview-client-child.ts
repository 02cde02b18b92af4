/**
 * The overview benchmark's client in a process of its own (bench/overview-client.ts `child` mode):
 * times the GETs it is sent over IPC and replies with their times, one reply per message, in order.
 */
import { timeGets, type FromClient, type ToClient } from './overview-client.js';

const reply = (m: FromClient): void => void process.send?.(m);
// One message at a time: requests stay sequential, as in the in-process mode.
let queue = Promise.resolve();
process.on('message', (m: ToClient) => {
  queue = queue.then(() =>
    timeGets(m.url, m.cookie, m.paths, m.http).then(
      (result) => reply({ type: 'gets', result }),
      (e: unknown) => reply({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    ),
  );
});
process.on('disconnect', () => process.exit(0));
