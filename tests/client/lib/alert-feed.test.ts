import { describe, expect, it } from 'vitest';
import { pushBounded, sameAlert, type FeedAlert } from '../../../client/lib/alert-feed';

describe('pushBounded with sameAlert (the overview feed)', () => {
  const alert = (id: string, at = '2025-12-15T08:00:00+07:00'): FeedAlert => ({
    kind: 'dossier',
    id,
    unit: '26734',
    unitName: 'Phường Tân Định',
    title: 'Đăng ký khai sinh',
    dueAt: null,
    at,
    holderName: null,
    receivedAt: 0,
  });

  it('keeps the newest first and at most the bound', () => {
    let list: FeedAlert[] = [];
    for (let i = 0; i < 60; i++) list = pushBounded(list, alert(`d${i}`), 50, sameAlert);
    expect(list).toHaveLength(50);
    expect(list[0].id).toBe('d59');
    expect(list[49].id).toBe('d10');
  });

  it('replaces a repeat of the same item', () => {
    const list = pushBounded(pushBounded<FeedAlert>([], alert('a'), 50, sameAlert), alert('a', '2025-12-15T09:00:00+07:00'), 50, sameAlert);
    expect(list).toHaveLength(1);
    expect(list[0].at).toBe('2025-12-15T09:00:00+07:00');
  });
});
