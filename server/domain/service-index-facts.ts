/**
 * What one dossier contributes to the national service index's counts, and the counts of a scope
 * and period that the scoring (service-index.ts) reads. Pure.
 *
 * Every optional dossier field is three-valued: true, false, or null (never sent: unknown). An
 * unknown field keeps the dossier out of the indicator's denominator; it never counts as false.
 * A dossier's now-independent contributions are a bit set (indexBits), so the engine's flow
 * counters and the SQL that judges past periods sum the same per-dossier facts.
 */
import type { DossierState, IndexFieldsInput } from './types.js';

/** The optional index fields of a dossier as folded (DossierState.index). */
export interface IndexFields {
  /** The procedure charges a non-zero fee for this dossier (wire: `hasFee`, or `fee` > 0). */
  hasFee: boolean | null;
  /** The fee was paid online (DVCQG DuocThanhToanTrucTuyen 1 or 2). */
  paidOnline: boolean | null;
  /** The result was issued electronically. */
  electronicResult: boolean | null;
  /** The dossier's components were digitised (HoSoCoThanhPhanSoHoa). */
  digitized: boolean | null;
  /** A digitised component was reused instead of submitted again (TaiLieuNop.DuocLayTuKhoDMQG). */
  reusedData: boolean | null;
  /** A component was taken from or synced to the citizen's personal data store on the portal. */
  fromPersonalDataStore: boolean | null;
  /** The population database or a VNeID-verified account was used (TaiKhoanDuocXacThucVoiVNeID). */
  citizenDataConnected: boolean | null;
  /** The citizen complained about or disliked the handling of this dossier. */
  complaint: boolean | null;
}

/**
 * The index fields' keys in one order: the wire schema's (fast-parse returns them in it) and the replay
 * checkpoints' packed digits (replay-codec.ts): stored data, so append only.
 */
export const INDEX_FIELD_KEYS = [
  'hasFee',
  'paidOnline',
  'electronicResult',
  'digitized',
  'reusedData',
  'fromPersonalDataStore',
  'citizenDataConnected',
  'complaint',
] as const satisfies readonly (keyof IndexFields)[];

export const UNKNOWN_INDEX_FIELDS: Readonly<IndexFields> = Object.freeze({
  hasFee: null,
  paidOnline: null,
  electronicResult: null,
  digitized: null,
  reusedData: null,
  fromPersonalDataStore: null,
  citizenDataConnected: null,
  complaint: null,
});

export const INDEX_FIELD_NAMES = Object.keys(UNKNOWN_INDEX_FIELDS) as (keyof IndexFields)[];

// Bits of indexBits: each is one counter the dossier adds 1 to, on its day of receipt.
export const IXB_FEE_DUE = 0; // a fee-bearing dossier whose payment channel is known
export const IXB_PAID_ONLINE = 1;
export const IXB_ERESULT_KNOWN = 2;
export const IXB_ERESULT = 3;
export const IXB_DIGITISED_KNOWN = 4;
export const IXB_DIGITISED = 5;
export const IXB_REUSE_KNOWN = 6;
export const IXB_REUSE = 7;
export const IXB_STORE_KNOWN = 8;
export const IXB_STORE = 9;
export const IXB_POPULATION_KNOWN = 10;
export const IXB_POPULATION = 11;
export const IXB_COMPLAINT_KNOWN = 12;
export const IXB_COMPLAINT = 13;
export const INDEX_BIT_COUNT = 14;

const bit = (k: number, on: boolean): number => (on ? 1 << k : 0);

/** A known-and-true pair of bits for one field. */
const known = (v: boolean | null, knownBit: number, trueBit: number): number => bit(knownBit, v !== null) | bit(trueBit, v === true);

/**
 * The dossier's now-independent index contributions as a bit set. "Digitised dossier" needs both
 * digitised components and an electronic result: it is known when both are, or when either is false.
 */
export function indexBits(f: IndexFields): number {
  const digitisedKnown = (f.digitized !== null && f.electronicResult !== null) || f.digitized === false || f.electronicResult === false;
  return (
    bit(IXB_FEE_DUE, f.hasFee === true && f.paidOnline !== null) |
    bit(IXB_PAID_ONLINE, f.hasFee === true && f.paidOnline === true) |
    known(f.electronicResult, IXB_ERESULT_KNOWN, IXB_ERESULT) |
    bit(IXB_DIGITISED_KNOWN, digitisedKnown) |
    bit(IXB_DIGITISED, f.digitized === true && f.electronicResult === true) |
    known(f.reusedData, IXB_REUSE_KNOWN, IXB_REUSE) |
    known(f.fromPersonalDataStore, IXB_STORE_KNOWN, IXB_STORE) |
    known(f.citizenDataConnected, IXB_POPULATION_KNOWN, IXB_POPULATION) |
    known(f.complaint, IXB_COMPLAINT_KNOWN, IXB_COMPLAINT)
  );
}

/** Whether bit k is set. */
export const hasBit = (bits: number, k: number): boolean => ((bits >> k) & 1) === 1;

/**
 * Satisfaction's bad side for one dossier: its complaint is known, and it complained or it was
 * finished late or is overdue (counted once). Dossiers whose complaint is unknown are outside the
 * indicator (see IndexCounts.satisfactionKnown).
 */
export function isSatisfactionBad(bits: number, lateOrOverdue: boolean): boolean {
  return hasBit(bits, IXB_COMPLAINT_KNOWN) && (hasBit(bits, IXB_COMPLAINT) || lateOrOverdue);
}

/** The counts of one scope and period the index is computed from. */
export interface IndexCounts {
  /** Progress: finished early or on time in the period + open at its end and not overdue then. */
  progressOnTime: number;
  /** Progress: finished (early, on time, late) in the period + open at its end. */
  progressTotal: number;
  /** Dossiers received in the period. */
  received: number;
  /** Of those, received online (channel 2). */
  receivedOnline: number;
  /** Received in the period with a non-zero fee and a known payment channel. */
  feeDossiers: number;
  /** Of those, paid online. */
  paidOnline: number;
  electronicResultKnown: number;
  electronicResult: number;
  digitisedKnown: number;
  digitised: number;
  reuseKnown: number;
  reuse: number;
  personalStoreKnown: number;
  personalStore: number;
  populationKnown: number;
  population: number;
  /** Received in the period with a known complaint field. */
  satisfactionKnown: number;
  /** Of those, with a complaint or finished late or overdue (isSatisfactionBad). */
  satisfactionBad: number;
}

export function emptyIndexCounts(): IndexCounts {
  return {
    progressOnTime: 0,
    progressTotal: 0,
    received: 0,
    receivedOnline: 0,
    feeDossiers: 0,
    paidOnline: 0,
    electronicResultKnown: 0,
    electronicResult: 0,
    digitisedKnown: 0,
    digitised: 0,
    reuseKnown: 0,
    reuse: 0,
    personalStoreKnown: 0,
    personalStore: 0,
    populationKnown: 0,
    population: 0,
    satisfactionKnown: 0,
    satisfactionBad: 0,
  };
}

/** The counts of a sum of scopes (a province: its communes), field by field. */
export function sumIndexCounts(parts: Iterable<IndexCounts>): IndexCounts {
  const sum = emptyIndexCounts();
  const keys = Object.keys(sum) as (keyof IndexCounts)[];
  for (const c of parts) for (const k of keys) sum[k] += c[k];
  return sum;
}

/** The IndexCounts field each bit of indexBits adds to (complaint bits feed satisfaction separately). */
export const COUNT_OF_BIT: readonly (keyof IndexCounts | null)[] = [
  'feeDossiers',
  'paidOnline',
  'electronicResultKnown',
  'electronicResult',
  'digitisedKnown',
  'digitised',
  'reuseKnown',
  'reuse',
  'personalStoreKnown',
  'personalStore',
  'populationKnown',
  'population',
  'satisfactionKnown',
  null,
];

/**
 * Sets the index fields an event carries (present ones only; absent ones stay as they were). The
 * state's `index` object is replaced, never mutated: states returned by applyDossierEvent share it.
 */
export function applyIndexFields(s: DossierState, e: IndexFieldsInput): void {
  let next: IndexFields | null = null;
  const set = (key: keyof IndexFields, v: boolean | undefined) => {
    if (v === undefined) return;
    next ??= { ...(s.index ?? UNKNOWN_INDEX_FIELDS) };
    next[key] = v;
  };
  set('hasFee', e.hasFee ?? (e.fee === undefined ? undefined : e.fee > 0));
  for (const key of INDEX_FIELD_NAMES) if (key !== 'hasFee') set(key, e[key]);
  if (next !== null) s.index = next;
}
