import { describe, expect, it } from 'vitest';
import { departmentListName, shortDepartmentNameEn } from '../../../../client/features/overview/department-names';

describe('shortDepartmentNameEn', () => {
  it('drops the leading "Department of" that every row of a "Departments" list would repeat', () => {
    expect(shortDepartmentNameEn('Department of Education and Training')).toBe('Education and Training');
    expect(shortDepartmentNameEn('Department of Home Affairs')).toBe('Home Affairs');
  });

  it('keeps other names whole', () => {
    expect(shortDepartmentNameEn('Saigon Hi-Tech Park Authority (SHTP)')).toBe('Saigon Hi-Tech Park Authority (SHTP)');
    expect(shortDepartmentNameEn('City Police')).toBe('City Police');
  });
});

describe('departmentListName', () => {
  const d = { name: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training', shortName: 'Giáo dục' };
  it('uses the Vietnamese short name, or the English short form', () => {
    expect(departmentListName(d, 'vi')).toBe('Giáo dục');
    expect(departmentListName(d, 'en')).toBe('Education and Training');
    expect(departmentListName({ ...d, shortName: '' }, 'vi')).toBe('Sở Giáo dục và Đào tạo');
  });
});
