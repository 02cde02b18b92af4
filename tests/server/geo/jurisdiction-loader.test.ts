import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JurisdictionLoadError, jurisdictionIndex, loadJurisdiction, parseCsv } from '../../../server/geo/jurisdiction-loader.js';

const HEADER = 'code,type,name,full_name,name_en,lat,lon,area_km2,population';

describe('loadJurisdiction (shipped HCMC fixture)', () => {
  const j = loadJurisdiction();

  it('has the city and its 168 units: 113 Phường, 54 Xã, 1 Đặc khu', () => {
    expect(j.code).toBe('79');
    expect(j.name).toBe('Thành phố Hồ Chí Minh');
    expect(j.nameEn).toBe('Ho Chi Minh City');
    expect(j.units).toHaveLength(168);
    const byType = (t: string) => j.units.filter((u) => u.type === t).length;
    expect(byType('Phường')).toBe(113);
    expect(byType('Xã')).toBe(54);
    expect(byType('Đặc khu')).toBe(1);
    expect(j.units.find((u) => u.type === 'Đặc khu')?.name).toBe('Côn Đảo');
  });

  it('keeps codes as unique 5-digit strings and parses numbers', () => {
    expect(new Set(j.units.map((u) => u.code)).size).toBe(168);
    for (const u of j.units) {
      expect(u.code).toMatch(/^\d{5}$/);
      expect(u.lat).toBeGreaterThan(8);
      expect(u.lat).toBeLessThan(12);
      expect(u.lon).toBeGreaterThan(106);
      expect(u.lon).toBeLessThan(108);
      expect(u.areaKm2).toBeGreaterThan(0);
      expect(Number.isInteger(u.population)).toBe(true);
    }
    const tdm = j.units.find((u) => u.code === '25747');
    expect(tdm).toEqual({
      code: '25747',
      type: 'Phường',
      name: 'Thủ Dầu Một',
      fullName: 'Phường Thủ Dầu Một',
      nameEn: 'Thu Dau Mot',
      lat: 10.96815,
      lon: 106.66434,
      areaKm2: 15.682,
      population: 88132,
    });
  });

  it('loads the departments (sở, ban, ngành)', () => {
    expect(j.departments).toHaveLength(18);
    expect(new Set(j.departments.map((d) => d.code)).size).toBe(18);
    expect(j.departments).toContainEqual({
      code: 'STP',
      name: 'Sở Tư pháp',
      nameEn: 'Department of Justice',
      shortName: 'Tư pháp',
    });
    const names = j.departments.map((d) => d.name);
    for (const n of ['Sở Xây dựng', 'Thanh tra Thành phố', 'Văn phòng UBND Thành phố', 'Công an Thành phố']) {
      expect(names).toContain(n);
    }
  });

  it('indexes units and departments and maps codes to scopes', () => {
    const idx = jurisdictionIndex(j);
    expect(idx.unitByCode.get('26732')?.name).toBe('Côn Đảo');
    expect(idx.departmentByCode.get('SXD')?.name).toBe('Sở Xây dựng');
    expect(idx.scopeOf('26732')).toBe('unit:26732');
    expect(idx.scopeOf(' 26732 ')).toBe('unit:26732');
    expect(idx.scopeOf('STP')).toBe('department:STP');
    expect(idx.scopeOf('stp')).toBe('department:STP');
    expect(idx.scopeOf('99999')).toBeNull();
    expect(idx.scopeOf('')).toBeNull();
  });
});

describe('loadJurisdiction (error reporting)', () => {
  let dir: string;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function fixture(
    csv: string,
    departments: unknown = [{ code: 'STP', name: 'Sở Tư pháp', nameEn: 'Department of Justice', shortName: 'Tư pháp' }],
  ) {
    dir = mkdtempSync(join(tmpdir(), 'jurisdiction-'));
    writeFileSync(
      join(dir, 'test.json'),
      JSON.stringify({
        code: '01',
        name: 'Thành phố Thử',
        nameEn: 'Test City',
        unitsCsv: 'test-units.csv',
        departments: 'test-departments.json',
        boundaries: 'test-boundaries.geojson',
      }),
    );
    writeFileSync(join(dir, 'test-units.csv'), csv);
    writeFileSync(join(dir, 'test-departments.json'), JSON.stringify(departments));
    return dir;
  }

  it('keeps leading zeros, accepts CRLF, a BOM and quoted fields with commas', () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        '00004,Phường,Ba Đình,Phường Ba Đình,Ba Dinh,21.03,105.83,2.5,60000',
        '00008,Xã,"Tên, có phẩy","Xã ""Tên, có phẩy""",Ten,21.0,105.8,10,5000',
        '',
      ].join('\r\n');
    const j = loadJurisdiction(fixture(csv), 'test');
    expect(j.units.map((u) => u.code)).toEqual(['00004', '00008']);
    expect(j.units[1].name).toBe('Tên, có phẩy');
    expect(j.units[1].fullName).toBe('Xã "Tên, có phẩy"');
    expect(j.units[0].type).toBe('Phường');
  });

  it('names the file and line of a bad row', () => {
    const csv = [HEADER, '00004,Phường,A,Phường A,A,21,105,2,1', '4,Phường,B,Phường B,B,21,105,2,1'].join('\n');
    fixture(csv);
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(JurisdictionLoadError);
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/test-units\.csv line 3: code: unit code must be 5 digits/);
  });

  it('rejects a non-numeric area, an unknown type and a duplicate code, with the line', () => {
    fixture([HEADER, '00004,Phường,A,Phường A,A,21,105,abc,1'].join('\n'));
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/line 2: area_km2: expected a decimal number/);
    rmSync(dir, { recursive: true });
    fixture([HEADER, '00004,Thị trấn,A,Thị trấn A,A,21,105,2,1'].join('\n'));
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/line 2: type:/);
    rmSync(dir, { recursive: true });
    fixture([HEADER, '00004,Xã,A,Xã A,A,21,105,2,1', '00004,Xã,B,Xã B,B,21,105,2,1'].join('\n'));
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/line 3: duplicate unit code 00004 \(first on line 2\)/);
  });

  it('reports a row with the wrong number of fields and a missing column', () => {
    fixture([HEADER, '00004,Phường,A, B,Phường A,A,21,105,2,1'].join('\n'));
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/line 2: expected 9 fields, found 10/);
    rmSync(dir, { recursive: true });
    fixture(['code,type,name', '00004,Xã,A'].join('\n'));
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/line 1: missing column\(s\) full_name/);
  });

  it('validates departments', () => {
    fixture([HEADER, '00004,Xã,A,Xã A,A,21,105,2,1'].join('\n'), [
      { code: 'stp', name: 'Sở Tư pháp', nameEn: 'Justice', shortName: 'Tư pháp' },
    ]);
    expect(() => loadJurisdiction(dir, 'test')).toThrowError(/test-departments\.json: 0\.code: department code must be upper-case/);
  });

  it('reports a missing manifest with its path', () => {
    dir = mkdtempSync(join(tmpdir(), 'jurisdiction-'));
    expect(() => loadJurisdiction(dir, 'nope')).toThrowError(/nope\.json: cannot read/);
  });
});

describe('parseCsv', () => {
  it('tracks the starting line of records that span lines', () => {
    const rows = parseCsv('a,b\n"x\ny",z\n\nlast,row');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', 'z'] },
      { line: 5, fields: ['last', 'row'] },
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"b\nc')).toThrowError(/line 1: unterminated quoted field/);
  });
});
