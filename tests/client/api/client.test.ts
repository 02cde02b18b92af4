import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, getJson } from '../../../client/api/client';

const respond = (status: number, body: string) => async (): Promise<Response> =>
  new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

describe('apiUrl', () => {
  it('builds /api/v1 URLs and leaves out empty parameters', () => {
    expect(apiUrl('/overview', { period: 'month' })).toBe('/api/v1/overview?period=month');
    expect(apiUrl('/units/26734/dossiers', { status: 'overdue', page: 2, pageSize: null })).toBe(
      '/api/v1/units/26734/dossiers?status=overdue&page=2',
    );
    expect(apiUrl('/health')).toBe('/api/v1/health');
  });
});

describe('getJson', () => {
  it('returns the parsed body', async () => {
    await expect(getJson('/x', { fetchImpl: respond(200, '{"a":1}') })).resolves.toEqual({ a: 1 });
  });

  it("surfaces the server's error code and message with the status", async () => {
    const err = await getJson('/api/v1/units/0', {
      fetchImpl: respond(404, '{"error":{"code":"not_found","message":"Không tìm thấy đơn vị"}}'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'http', status: 404, code: 'not_found', message: 'Không tìm thấy đơn vị' });
    expect((err as ApiError).isNotFound).toBe(true);
  });

  it('reports a non-JSON error body by its status', async () => {
    const err = await getJson('/x', { fetchImpl: respond(502, '<html>Bad gateway</html>') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'http', status: 502 });
  });

  it('reports network failures and invalid JSON', async () => {
    const net = await getJson('/x', {
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).catch((e: unknown) => e);
    expect(net).toMatchObject({ kind: 'network', status: 0 });
    const parse = await getJson('/x', { fetchImpl: respond(200, 'not json') }).catch((e: unknown) => e);
    expect(parse).toMatchObject({ kind: 'parse' });
  });
});
