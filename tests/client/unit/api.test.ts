import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchAllPages, unitDossiersUrl } from '../../../client/features/unit/api';

function pageResponse(total: number, page: number, pageSize: number): Response {
  const start = (page - 1) * pageSize;
  const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => ({ id: `HS-${start + i}` }));
  return new Response(JSON.stringify({ total, page, pageSize, items }), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('unitDossiersUrl', () => {
  it('asks for a status, a page and an order', () => {
    expect(unitDossiersUrl('26734', 'overdue', { page: 2, pageSize: 20, sort: 'dueAt', dir: 'asc' })).toBe(
      '/api/v1/units/26734/dossiers?status=overdue&page=2&pageSize=20&sort=dueAt&dir=asc',
    );
  });
});

describe('fetchAllPages', () => {
  it('fetches every page until the total is reached', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const u = new URL(url, 'http://x');
      return pageResponse(45, Number(u.searchParams.get('page')), Number(u.searchParams.get('pageSize')));
    });
    vi.stubGlobal('fetch', fetchMock);
    const out = await fetchAllPages<{ id: string }>((page, size) => `/api/v1/units/1/dossiers?page=${page}&pageSize=${size}`, 1000, 20);
    expect(out.items).toHaveLength(45);
    expect(out.truncated).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('stops at the cap and says the export was cut', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const u = new URL(url, 'http://x');
        return pageResponse(100_000, Number(u.searchParams.get('page')), Number(u.searchParams.get('pageSize')));
      }),
    );
    const out = await fetchAllPages<{ id: string }>((page, size) => `/x?page=${page}&pageSize=${size}`, 50, 20);
    expect(out.items).toHaveLength(50);
    expect(out.total).toBe(100_000);
    expect(out.truncated).toBe(true);
  });
});
