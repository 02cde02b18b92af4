/** The requests API (server/http/reminder-routes.ts): lists, sending, reading, answering. */
import type {
  DefaultDueResponse,
  RequestListResponse,
  RequestStateFilter,
  RequestView,
  SendRequestBody,
} from '../../../shared/contract/requests';
import { apiUrl, getJson, sendJson } from '../../api';

const enc = encodeURIComponent;
type Opts = { signal?: AbortSignal };

/** The header's list: to the user's unit, and sent by the user; with the unread count. */
export const fetchMine = (state: RequestStateFilter | null, o: Opts = {}) =>
  getJson<RequestListResponse>(apiUrl('/reminders/mine', { state }), o);

/** What was sent to a unit or department. */
export const fetchUnitRequests = (code: string, state: RequestStateFilter | null, o: Opts = {}) =>
  getJson<RequestListResponse>(apiUrl(`/units/${enc(code)}/reminders`, { state }), o);

/** The requests about one dossier or task that the user may read (its timeline). */
export const fetchItemRequests = (kind: 'dossier' | 'task', id: string, o: Opts = {}) =>
  getJson<RequestListResponse>(apiUrl(`/${kind === 'dossier' ? 'dossiers' : 'tasks'}/${enc(id)}/reminders`), o);

export const fetchDefaultDue = (o: Opts = {}) => getJson<DefaultDueResponse>(apiUrl('/reminders/default-due'), o);

export const sendRequest = (body: SendRequestBody) => sendJson<RequestView>('POST', apiUrl('/reminders'), body);

export const acknowledgeRequest = (id: number) => sendJson<RequestView>('POST', apiUrl(`/reminders/${id}/acknowledge`), {});

export const answerRequest = (id: number, text: string) => sendJson<RequestView>('POST', apiUrl(`/reminders/${id}/answer`), { text });

export const markAnswersSeen = (ids: number[]) => sendJson<{ seen: number[] }>('POST', apiUrl('/reminders/answers-seen'), { ids });
