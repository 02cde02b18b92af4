/**
 * The rule a quarantined event broke, named from its first error: the groups the data-quality review
 * counts and filters by. Errors carry a field and a sentence (no code), so the sentence's wording is
 * read here — the one place that knows it; the rest of the server stores the rule with the record.
 * The order of the patterns matters: the first that matches names the rule.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { QuarantineRule } from '../../shared/contract/quarantine.js';

const PATTERNS: readonly [RegExp, QuarantineRule][] = [
  [/must be a JSON object$/, 'not_object'],
  [/outside this source's units|this source may only write units/, 'outside_units'],
  [/conflict: event id/, 'conflict'],
  [/unknown code "|is neither the code nor the name/, 'unknown_code'],
  [/is ambiguous: it names/, 'ambiguous_unit'],
  [/unknown status code/, 'unknown_status'],
  [/unknown dossier "/, 'unknown_dossier'],
  [/after the server's clock/, 'future'],
  [/is not (an ISO 8601 date|a date)|is neither an ISO 8601 date/, 'bad_date'],
  [/\bis before\b|\bbefore the\b/, 'date_order'],
  [/is required|must not be empty/, 'required'],
  [/unknown field\(s\)/, 'unknown_field'],
  [/is longer than|too (big|long)/i, 'too_long'],
  [/must be (text|a list|an object|string|number|boolean|array|object)\b/, 'wrong_type'],
  [/must be |invalid (option|input|value)|expected one of/i, 'invalid_value'],
];

/** The rule of a record's errors (its first error's); `other` when none is recognised. */
export function quarantineRule(errors: readonly FieldError[]): QuarantineRule {
  const first = errors[0];
  if (!first || typeof first.message !== 'string') return 'other';
  for (const [re, rule] of PATTERNS) if (re.test(first.message)) return rule;
  return 'other';
}

/** The same, from the stored JSON text of the errors (the migration's SQL function); `other` when unreadable. */
export function quarantineRuleOfJson(errorsJson: unknown): QuarantineRule {
  if (typeof errorsJson !== 'string') return 'other';
  try {
    const parsed: unknown = JSON.parse(errorsJson);
    return Array.isArray(parsed) ? quarantineRule(parsed as FieldError[]) : 'other';
  } catch {
    return 'other';
  }
}
