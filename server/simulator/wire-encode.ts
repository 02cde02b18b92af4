/**
 * Wire encoding: a planned dossier or task event as the JSON object a source POSTs (see wire.ts).
 *
 * Millions of events go through here for a long history, so strings are shared where they repeat:
 * the time-of-day part of an instant, due dates and step deadlines, event-id suffixes. Events are
 * built as plain literals with optional fields assigned afterwards: object spread with conditional
 * parts pushes V8 into slow dictionary-mode objects, several times the memory.
 */

import * as time from '../domain/time.js';
import type { DossierPlanItem, DossierRun } from './dossier-plan.js';
import { floorSecond, type SimCalendar } from './sim-calendar.js';
import type { TaskPlanItem, TaskRun } from './task-plan.js';
import type { WireDossierEvent, WireDossierRefused, WireDossierStopped, WireDossierWithdrawn, WireTaskEvent } from './wire.js';

const { MS_PER_DAY, VN_OFFSET_MS, vnDayIndex } = time;

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Largest number of distinct due instants kept shared before the cache is emptied. */
const SHARED_ISO_LIMIT = 20_000;

/** Encodes planned events; holds the shared strings. One per generator. */
export class WireEncoder {
  // Time-of-day suffixes "THH:MM:SS+07:00", one per second of the day, built on first use. An ISO
  // string is then a single concatenation of two shared strings: a template literal per event made
  // a chain of seven string pieces (~250 bytes) for each of millions of events.
  private readonly timeSuffixes: (string | undefined)[] = new Array<string | undefined>(86_400);
  // Due dates and step deadlines repeat across thousands of dossiers (same morning, same legal
  // time), so their strings are shared through a small cache, emptied when it grows.
  private readonly sharedIsoCache = new Map<number, string>();
  /** ":1", ":2", … — event-id suffixes, shared for the same reason. */
  private readonly idSuffixes: string[] = [];

  /** @param cal the generator's calendar, whose day keys every instant shares */
  constructor(private readonly cal: SimCalendar) {}

  /** "YYYY-MM-DDTHH:MM:SS+07:00" (whole seconds: every simulated instant is floored to a second). */
  iso(t: number): string {
    const local = t + VN_OFFSET_MS;
    const d = Math.floor(local / MS_PER_DAY);
    const sec = Math.floor((local - d * MS_PER_DAY) / 1000);
    let suffix = this.timeSuffixes[sec];
    if (suffix === undefined) {
      const hh = Math.floor(sec / 3600);
      const mm = Math.floor((sec - hh * 3600) / 60);
      suffix = `T${pad2(hh)}:${pad2(mm)}:${pad2(sec % 60)}+07:00`;
      this.timeSuffixes[sec] = suffix;
    }
    return this.cal.dayKey(d) + suffix;
  }

  /** {@link iso}, shared with earlier calls for the same instant. */
  sharedIso(t: number): string {
    let s = this.sharedIsoCache.get(t);
    if (s === undefined) {
      if (this.sharedIsoCache.size >= SHARED_ISO_LIMIT) this.sharedIsoCache.clear();
      s = this.iso(t);
      this.sharedIsoCache.set(t, s);
    }
    return s;
  }

  /** A due date as a unit's system writes it: a bare date (end of day) or an instant. */
  due(asDate: boolean, t: number): string {
    return asDate ? this.cal.dayKey(vnDayIndex(t)) : this.iso(t);
  }

  /** "<item id>:<position + 1>": the event's idempotency key. */
  eventId(itemId: string, index: number): string {
    let suffix = this.idSuffixes[index];
    if (suffix === undefined) {
      suffix = `:${index + 1}`;
      this.idSuffixes[index] = suffix;
    }
    return itemId + suffix;
  }

  /** The `index`-th event of a dossier's plan on the wire. */
  dossierEvent(run: DossierRun, item: DossierPlanItem, index: number): WireDossierEvent {
    const id = this.eventId(run.id, index);
    const at = this.iso(item.wireAt);
    const dossierId = run.id;
    switch (item.type) {
      // The two hot types get one literal per variant: a property added after creation lands in
      // a separate out-of-object store, one more allocation per event.
      case 'received': {
        const ix = run.index!;
        return run.paidOnline === undefined
          ? {
              id,
              dossierId,
              at,
              type: 'received',
              unit: run.unitCode,
              procedure: run.procedure!,
              channel: run.channel,
              dueAt: run.dueWire,
              hasFee: ix.hasFee,
              digitized: run.digitized,
              reusedData: ix.reusedData,
              fromPersonalDataStore: ix.fromPersonalDataStore,
              citizenDataConnected: ix.citizenDataConnected,
            }
          : {
              id,
              dossierId,
              at,
              type: 'received',
              unit: run.unitCode,
              procedure: run.procedure!,
              channel: run.channel,
              dueAt: run.dueWire,
              hasFee: ix.hasFee,
              paidOnline: run.paidOnline,
              digitized: run.digitized,
              reusedData: ix.reusedData,
              fromPersonalDataStore: ix.fromPersonalDataStore,
              citizenDataConnected: ix.citizenDataConnected,
            };
      }
      case 'assigned':
        return item.stepDueAt === undefined
          ? { id, dossierId, at, type: 'assigned', handler: item.handler!.wire }
          : { id, dossierId, at, type: 'assigned', handler: item.handler!.wire, stepDueAt: this.sharedIso(floorSecond(item.stepDueAt)) };
      case 'supplement_requested': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'supplement_requested' };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
      case 'supplement_received': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'supplement_received' };
        if (item.due !== undefined) ev.dueAt = this.due(run.unit.dueAsDate, item.due);
        return ev;
      }
      case 'apology_issued':
        return { id, dossierId, at, type: 'apology_issued', proposedDueAt: this.due(run.unit.dueAsDate, item.due!), reason: item.reason! };
      case 'processed':
        // The result's form and "no complaint so far" are known when processing ends.
        return { id, dossierId, at, type: 'processed', electronicResult: run.index!.electronicResult, complaint: false };
      case 'returned':
        return { id, dossierId, at, type: 'returned' };
      case 'stopped':
      case 'refused':
      case 'withdrawn': {
        const ev: WireDossierStopped | WireDossierRefused | WireDossierWithdrawn = { id, dossierId, at, type: item.type };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
      case 'rated': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'rated', rating: item.rating! };
        if (item.complaint) ev.complaint = item.complaint;
        return ev;
      }
    }
  }

  /** The `index`-th event of a task's plan on the wire. */
  taskEvent(run: TaskRun, item: TaskPlanItem, index: number): WireTaskEvent {
    const id = this.eventId(run.id, index);
    const at = this.iso(item.wireAt);
    const taskId = run.id;
    switch (item.type) {
      case 'assigned': {
        const ev: WireTaskEvent = {
          id,
          taskId,
          at,
          type: 'assigned',
          title: run.title,
          document: { number: run.document.number, date: run.document.date },
          issuer: run.issuer,
          assignee: run.assigneeCode,
        };
        if (run.dueWire !== undefined) ev.dueAt = run.dueWire;
        return ev;
      }
      case 'extended':
        return {
          id,
          taskId,
          at,
          type: 'extended',
          dueAt: item.dueAsDate ? this.cal.dayKey(vnDayIndex(item.due!)) : this.iso(floorSecond(item.due!)),
          reason: item.reason!,
        };
      case 'progress_reported':
        return { id, taskId, at, type: 'progress_reported', note: item.note!, percent: item.percent! };
      case 'completed':
        return { id, taskId, at, type: 'completed' };
      case 'cancelled': {
        const ev: WireTaskEvent = { id, taskId, at, type: 'cancelled' };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
    }
  }
}
