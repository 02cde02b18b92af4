/**
 * What a refused or failed request means, in the reader's language. The server's messages are
 * English and written for integrators; a ward leader reads the sentence of the error's code, and
 * the server's own message only where it names what to correct (a field of a form).
 */
import i18next from 'i18next';
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/errors';
import { ApiError } from './client';

const KNOWN = new Set<string>(ERROR_CODES);

/** Codes whose server message says which field is wrong and why: worth showing beside the sentence. */
const DETAILED = new Set<ErrorCode>([
  'bad_request',
  'invalid_body',
  'invalid_query',
  'invalid_export',
  'invalid_name',
  'invalid_preset',
  'invalid_reminder',
  'invalid_answer',
  'invalid_source',
  'invalid_user',
  'invalid_display',
  'calendar_invalid',
  'invalid',
]);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One sentence for any error thrown by an API call (or anything else caught beside one), in the UI's language. */
export function errorText(e: unknown, t: Translate = (key, options) => i18next.t(key, options)): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  if (e.kind === 'network') return t('common:error.api.network');
  if (e.code && KNOWN.has(e.code)) {
    const text = t(`common:error.api.codes.${e.code}`);
    const detail = e.message.trim();
    return DETAILED.has(e.code as ErrorCode) && detail ? t('common:error.api.detail', { text, detail }) : text;
  }
  return e.status ? t('common:error.api.http', { status: e.status }) : e.message;
}
