/**
 * The time bar's marks of rule changes (issue 16, GET /replay/marks): where each sits on the slider,
 * and which came after the moment shown (then the rules used differ from those in force at that moment).
 */
import type { ReplayMark } from '../../../shared/contract/replay';

export interface PlacedMark {
  mark: ReplayMark;
  at: number;
  /** Distance from the slider's start, 0–100 %. */
  left: number;
}

/** The marks within `range`, placed along it, oldest first. */
export function placeMarks(marks: readonly ReplayMark[], range: { from: number; to: number }): PlacedMark[] {
  const span = range.to - range.from;
  if (span <= 0) return [];
  return marks
    .map((mark) => ({ mark, at: Date.parse(mark.at) }))
    .filter((m) => !Number.isNaN(m.at) && m.at >= range.from && m.at <= range.to)
    .sort((a, b) => a.at - b.at)
    .map((m) => ({ ...m, left: ((m.at - range.from) / span) * 100 }));
}

/** The marks after `at`: changes of the rules between the moment shown and now (the replay uses the newer rules). */
export function marksAfter(marks: readonly ReplayMark[], at: number): ReplayMark[] {
  return marks.filter((m) => Date.parse(m.at) > at);
}
