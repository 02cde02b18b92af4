/**
 * A load balancer at the TCP level, as in front of several web nodes: each new connection goes to the
 * first backend that accepts it, so when a node dies its clients' reconnections land on the next one.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpBalancer {
  port: number;
  close(): Promise<void>;
}

function dial(ports: readonly number[], i: number, client: Socket): void {
  if (i >= ports.length) return void client.destroy();
  const upstream = connect(ports[i]!, '127.0.0.1');
  let connected = false;
  upstream.once('connect', () => {
    connected = true;
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  upstream.on('error', () => {
    if (connected) client.destroy();
    else dial(ports, i + 1, client);
  });
}

export async function startTcpBalancer(backends: readonly number[]): Promise<TcpBalancer> {
  const server: Server = createServer((client) => {
    client.on('error', () => client.destroy());
    dial(backends, 0, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
