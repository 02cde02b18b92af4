import { describe, expect, it, vi } from 'vitest';
import { createFakeSocket } from './fake-socket';

const fake = createFakeSocket();
fake.socket.connected = false;
vi.mock('socket.io-client', () => ({ io: () => fake.socket }));

const { firstHandshake } = await import('../../../client/realtime/socket');

describe('firstHandshake', () => {
  it('resolves when the handshake is refused as well as when it connects, and leaves no listener behind', async () => {
    const refused = firstHandshake();
    const before = fake.count('connect_error');
    fake.fire('connect_error', new Error('refused'));
    await expect(refused).resolves.toBeUndefined();
    expect(fake.count('connect_error')).toBe(before - 1);

    const connected = firstHandshake();
    fake.socket.connected = true;
    fake.fire('connect');
    await expect(connected).resolves.toBeUndefined();
    await expect(firstHandshake()).resolves.toBeUndefined(); // already connected: at once
  });
});
