import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVi } from '../../../client/lib/collate';

describe('compareVi', () => {
  const letters = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự 0123456789'];
  const name = fc.array(fc.constantFrom(...letters), { maxLength: 12 }).map((cs) => cs.join(''));

  it('orders two names as localeCompare with Vietnamese does', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(Math.sign(compareVi(a, b))).toBe(Math.sign(a.localeCompare(b, 'vi')));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts department names in Vietnamese alphabetical order', () => {
    const names = ['Sở Y tế', 'Sở Xây dựng', 'Sở Tư pháp', 'Sở Tài chính', 'Ban Dân tộc', 'Sở Đối ngoại'];
    expect([...names].sort(compareVi)).toEqual(['Ban Dân tộc', 'Sở Đối ngoại', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Y tế']);
  });
});
