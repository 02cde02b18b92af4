/**
 * Wall displays and presets on SQLite: the store's repositories (their writes through the write gate)
 * behind the asynchronous contract, unchanged. Each call runs at once and answers a settled promise.
 */
import { answering } from '../access-store/sqlite-access-store.js';
import type { Store } from '../store.js';
import { DISPLAY_METHODS, PRESET_METHODS, type WallStore } from './contract.js';

export function createSqliteWallStore(store: Pick<Store, 'displays' | 'wallPresets'>): WallStore {
  return {
    engine: 'sqlite',
    displays: answering(store.displays, DISPLAY_METHODS),
    presets: answering(store.wallPresets, PRESET_METHODS),
    // The file belongs to the store, which its owner closes.
    close: async () => {},
  };
}
