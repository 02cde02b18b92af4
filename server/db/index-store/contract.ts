/**
 * The national service index's stored side, engine-neutral and asynchronous (issue 17, slice 3): the
 * counts of a closed period per code (service-index-repo.ts, summed over the dossier rows) and the
 * national portal's published figures with their import (portal-index-repo.ts, `npm run index:import`).
 * Two engines: SQLite (the repositories wrapped, sqlite-index-store.ts) and PostgreSQL
 * (pg-index-store.ts); tests/server/db/index-store.shared.ts proves they answer alike.
 */
import type { Async } from '../access-store/contract.js';
import type { PortalIndexRepo } from '../portal-index-repo.js';
import type { ServiceIndexRepo } from '../service-index-repo.js';

export const CLOSED_INDEX_METHODS = ['unitCountsBetween'] as const satisfies readonly (keyof ServiceIndexRepo)[];
export const PORTAL_METHODS = ['importFile', 'figuresOf', 'version', 'rejected'] as const satisfies readonly (keyof PortalIndexRepo)[];

/** One code's index counts of a closed window, with when they next change with the clock alone. */
export type ClosedIndexStore = Async<Pick<ServiceIndexRepo, (typeof CLOSED_INDEX_METHODS)[number]>>;
/** The portal's figures: an import (one transaction, the version bumped when a figure changed), a period's figures, rejected rows. */
export type PortalIndexStore = Async<Pick<PortalIndexRepo, (typeof PORTAL_METHODS)[number]>>;

export interface IndexStore {
  readonly engine: 'sqlite' | 'postgres';
  closed: ClosedIndexStore;
  portal: PortalIndexStore;
  close(): Promise<void>;
}
