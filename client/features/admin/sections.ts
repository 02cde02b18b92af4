/**
 * The sections of the administration page (`/admin/<id>`), in tab order. Each part of the
 * administration adds one entry here, e.g.
 * `{ id: 'users', Page: lazy(() => import('./users/UsersSection').then((m) => ({ default: m.UsersSection }))) }`;
 * its tab label is `admin:sections.<id>` and its code is loaded on first visit.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface AdminSection {
  /** The path segment `/admin/<id>` and the key of the tab's label in `admin.json` `sections`. */
  id: string;
  Page: LazyExoticComponent<ComponentType>;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'users', Page: lazy(() => import('./users/UsersSection').then((m) => ({ default: m.UsersSection }))) },
  { id: 'sources', Page: lazy(() => import('./sources/SourcesSection').then((m) => ({ default: m.SourcesSection }))) },
  { id: 'quality', Page: lazy(() => import('./quality/QualitySection').then((m) => ({ default: m.QualitySection }))) },
  { id: 'walls', Page: lazy(() => import('./walls/WallsSection').then((m) => ({ default: m.WallsSection }))) },
  { id: 'calendar', Page: lazy(() => import('./calendar/CalendarSection').then((m) => ({ default: m.CalendarSection }))) },
  { id: 'audit', Page: lazy(() => import('./audit/AuditSection').then((m) => ({ default: m.AuditSection }))) },
];
