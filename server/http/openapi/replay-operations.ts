/** The time machine's own reads in the API description (issue 16); the `at` of the other reads is in operations.ts. */
import type { Operation } from './document.js';
import { replayCompareQuery } from '../replay-compare-routes.js';
import { replayMarksQuery } from '../replay-marks-routes.js';

export const REPLAY_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/replay/compare',
    operationId: 'replayCompare',
    tag: 'figures',
    summary: 'The dossiers overdue at two past moments per scope, the units that got worse most first',
    access: 'read',
    query: [replayCompareQuery],
    answer: { schema: 'ReplayCompare' },
    errors: [400],
  },
  {
    method: 'get',
    path: '/replay/marks',
    operationId: 'replayMarks',
    tag: 'figures',
    summary: 'The working calendar’s changes between two instants (default: the last 35 days), for the time bar’s marks',
    access: 'read',
    query: [replayMarksQuery],
    answer: { schema: 'ReplayMarks' },
    errors: [400],
  },
];
