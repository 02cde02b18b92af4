/**
 * GET /dossiers/:id?at=…&asOf= (issue 16): the dossier read with its state at that moment beside it
 * (`stateAt`: status, holder, overdue and by how many working days), folded from the dossier's own
 * events up to then. Computed here and handed to the dossier read (item-routes.ts), which checks the
 * reader's access as for the live read and adds the block; signed-in users only, like every replay.
 */
import { Router, type Response } from 'express';
import type { DossierStateAt } from '../../shared/contract/replay.js';
import { toVnIso } from '../domain/time.js';
import { dossierItem } from './list-items.js';
import { principalOf } from './principal.js';
import { refusePublic, replayMoment, type ReplayRouteDeps } from './replay-request.js';

const LOCALS_KEY = 'dossierStateAt';

/** The block computed for this request, if it asked for a moment. */
export function dossierStateAtOf(res: Response): DossierStateAt | undefined {
  return res.locals[LOCALS_KEY] as DossierStateAt | undefined;
}

export function replayDossierRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  const ctx = { calendar: deps.calendar, settings: deps.settings };
  r.get('/dossiers/:id', (req, res, next) => {
    if (req.query.at === undefined) {
      next();
      return;
    }
    const { t, asOf } = replayMoment(req, deps.now());
    refusePublic(principalOf(res));
    const { state, events } = deps.stateAt.dossierAt(String(req.params.id), t, asOf);
    const item = state ? dossierItem(state, t, ctx) : null;
    const block: DossierStateAt = {
      at: toVnIso(t),
      asOf,
      rules: 'now',
      state:
        state && item
          ? {
              status: state.status,
              bucket: state.bucket,
              timeliness: item.timeliness,
              daysOverdue: item.daysOverdue,
              overdueReason: item.overdueReason,
              dueAt: item.dueAt,
              endAt: item.endAt,
              holderId: item.holderId,
              holderName: item.holderName,
              events,
            }
          : null,
    };
    res.locals[LOCALS_KEY] = block;
    next();
  });
  return r;
}
