import { describe, expect, it } from 'vitest';
import { listKeys, readListState, writeListState } from '../../../client/features/buck-passing/list-state';

describe('the buck-passing list state in the URL', () => {
  it('reads rule, sort, page and official, ignoring unknown values', () => {
    expect(readListState(new URLSearchParams('rule=bounce&sort=lost&page=3&official=79-26740-cb02'))).toEqual({
      rule: 'bounce',
      sort: 'lost',
      page: 3,
      official: '79-26740-cb02',
    });
    expect(readListState(new URLSearchParams('rule=dodging&sort=oldest&page=-1'))).toEqual({
      rule: null,
      sort: 'recent',
      page: 1,
      official: null,
    });
  });

  it('uses prefixed keys beside other tables (the unit page), leaving the page’s own keys alone', () => {
    expect(listKeys('bp')).toEqual({ rule: 'bpRule', sort: 'bpSort', page: 'bpPage', official: 'bpOfficial' });
    const params = new URLSearchParams('period=week&sort=daysOverdue&bpRule=cross_unit&bpPage=2');
    expect(readListState(params, 'bp')).toMatchObject({ rule: 'cross_unit', page: 2, sort: 'recent' });
    expect(writeListState(params, 'bp', { page: 3 }).toString()).toBe('period=week&sort=daysOverdue&bpRule=cross_unit&bpPage=3');
  });

  it('goes back to the first page on a new rule or order, and leaves defaults out of the URL', () => {
    const params = new URLSearchParams('period=month&rule=bounce&page=4');
    expect(writeListState(params, '', { rule: 'sent_back' }).toString()).toBe('period=month&rule=sent_back');
    expect(writeListState(params, '', { rule: null, sort: 'recent' }).toString()).toBe('period=month');
    expect(writeListState(params, '', { sort: 'lost' }).toString()).toBe('period=month&rule=bounce&sort=lost');
  });
});
