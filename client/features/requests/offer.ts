/** Whether to offer the send button for a subject (the server decides again; this only hides what it would refuse). */
import type { Capabilities } from '../auth/session';
import type { SubjectRef } from './requests-model';

export function mayOfferRequest(caps: Capabilities, subject: SubjectRef): boolean {
  if (!(caps.requestSubjects ?? []).includes(subject.type)) return false;
  // A department asks about its own officials' steps only: hide it where the holder is known to be elsewhere.
  if (caps.home?.startsWith('department:') && subject.holderUnit !== undefined) {
    return subject.holderUnit !== null && `department:${subject.holderUnit}` === caps.home;
  }
  return true;
}
