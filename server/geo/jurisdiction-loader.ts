/**
 * Loads a jurisdiction (a province/city, its ward-level units and its departments) from the
 * fixture files under fixtures/jurisdiction/:
 *
 *   <name>.json              manifest: code, names, and the file names below
 *   <name>-units.csv         one row per unit (facts from the statistics office's list)
 *   <name>-departments.json  the sở, ban, ngành that also receive dossiers
 *   <name>-provinces.json    (national packs only) the provinces; each unit row then names its province
 *
 * A national pack lives in its own directory, fixtures/jurisdiction/<name>/ (see jurisdictionDirOf).
 *
 * Everything is validated up front, with the file and line in each message, because a wrong unit
 * code here silently drops a ward from every metric later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Department, Jurisdiction, Unit } from '../domain/types.js';
import type { ProvinceInfo } from '../../shared/contract/provinces.js';

/** fixtures/jurisdiction of this repository, whatever the working directory. */
export const DEFAULT_JURISDICTION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/jurisdiction');

/** The manifest file `<name>.json`. File names are relative to the manifest's directory. */
export interface JurisdictionManifest {
  code: string;
  name: string;
  nameEn: string;
  unitsCsv: string;
  departments: string;
  /** The shipped (schematic) boundaries, a GeoJSON FeatureCollection. */
  boundaries: string;
  /** National packs: the provinces (JSON array) and their schematic cells (GeoJSON). */
  provinces?: string;
  provinceBoundaries?: string;
}

/** Raised for any problem in the fixture files; the message names the file (and line). */
export class JurisdictionLoadError extends Error {
  override name = 'JurisdictionLoadError';
}

const fileName = z
  .string()
  .min(1)
  // Fixture files sit next to the manifest; refusing separators keeps a manifest from reaching elsewhere.
  .regex(/^[^/\\]+$/, 'must be a file name in the same directory, without a path');

const manifestSchema = z
  .object({
    code: z.string().regex(/^(\d{2}|VN)$/, 'code must be a 2-digit province code, or VN for the country'),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    unitsCsv: fileName,
    departments: fileName,
    boundaries: fileName,
    provinces: fileName.optional(),
    provinceBoundaries: fileName.optional(),
  })
  .strict();

const UNIT_TYPES = ['Phường', 'Xã', 'Đặc khu'] as const;

/** Numbers in the CSV are plain decimals; Number('') is 0 and Number(' 1') is 1, so check the text first. */
const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal number')
  .transform(Number);

const unitRowSchema = z.object({
  // Kept as a string: codes of other provinces start with zeros (Hà Nội is 00xxx).
  code: z.string().regex(/^\d{5}$/, 'unit code must be 5 digits'),
  type: z.enum(UNIT_TYPES),
  name: z.string().min(1),
  full_name: z.string().min(1),
  name_en: z.string().min(1),
  lat: decimal.pipe(z.number().min(-90).max(90)),
  lon: decimal.pipe(z.number().min(-180).max(180)),
  area_km2: decimal.pipe(z.number().positive()),
  population: z.string().regex(/^\d+$/, 'expected a whole number').transform(Number),
});

const UNIT_COLUMNS = Object.keys(unitRowSchema.shape) as (keyof typeof unitRowSchema.shape)[];

/** The optional column of national packs: the unit's province. */
const provinceColumn = z.string().regex(/^\d{2}$/, 'province must be a 2-digit code');

const provincesSchema = z
  .array(
    z
      .object({
        code: z.string().regex(/^\d{2}$/, 'province code must be 2 digits'),
        name: z.string().min(1),
        shortName: z.string().min(1),
        nameEn: z.string().min(1),
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
      })
      .strict(),
  )
  .min(1, 'at least one province');

const departmentSchema = z
  .object({
    // Upper-case letters: can never collide with the all-digit unit codes in one scope namespace.
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'department code must be upper-case letters/digits, starting with a letter'),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    shortName: z.string().min(1),
  })
  .strict();

const departmentsSchema = z.array(departmentSchema).min(1, 'at least one department');

function readText(path: string): string {
  try {
    // NFC: Vietnamese text pasted from Word or macOS is often decomposed, and "Phường" in NFD
    // would not equal "Phường" in NFC when matching types and names.
    return readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .normalize('NFC');
  } catch (err) {
    throw new JurisdictionLoadError(`${path}: cannot read (${(err as Error).message})`);
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JurisdictionLoadError(`${path}: invalid JSON (${(err as Error).message})`);
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** One CSV record with the 1-based line it starts on (for error messages). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses RFC 4180 CSV: comma separators, optional double-quoted fields with "" escapes and
 * embedded newlines, LF or CRLF line ends. The shipped file has no quotes, but official names
 * with commas are one edit away, and a naive split would shift every column after them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    // Skip blank lines (a trailing newline, or an empty line left by an editor).
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' && text[i + 1] === '\n') {
      // CRLF: let the '\n' end the record.
    } else if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error(`line ${recordLine}: unterminated quoted field`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

function loadUnits(path: string): Unit[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(readText(path));
  } catch (err) {
    if (err instanceof JurisdictionLoadError) throw err;
    throw new JurisdictionLoadError(`${path} ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new JurisdictionLoadError(`${path}: empty file`);
  const columns = header.fields.map((f) => f.trim());
  const missing = UNIT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new JurisdictionLoadError(`${path} line ${header.line}: missing column(s) ${missing.join(', ')} (header: ${columns.join(',')})`);
  }

  const units: Unit[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const where = `${path} line ${row.line}`;
    if (row.fields.length !== columns.length) {
      throw new JurisdictionLoadError(
        `${where}: expected ${columns.length} fields, found ${row.fields.length} (a comma inside an unquoted name?)`,
      );
    }
    const raw: Record<string, string> = {};
    columns.forEach((c, i) => (raw[c] = row.fields[i].trim()));
    const parsed = unitRowSchema.safeParse(raw);
    if (!parsed.success) {
      throw new JurisdictionLoadError(`${where}: ${formatIssues(parsed.error)}`);
    }
    const r = parsed.data;
    const seen = firstLineOf.get(r.code);
    if (seen !== undefined) {
      throw new JurisdictionLoadError(`${where}: duplicate unit code ${r.code} (first on line ${seen})`);
    }
    firstLineOf.set(r.code, row.line);
    let province: string | undefined;
    if ('province' in raw) {
      const p = provinceColumn.safeParse(raw.province);
      if (!p.success) throw new JurisdictionLoadError(`${where}: province: ${formatIssues(p.error)}`);
      province = p.data;
    }
    units.push({
      code: r.code,
      type: r.type,
      name: r.name,
      fullName: r.full_name,
      nameEn: r.name_en,
      lat: r.lat,
      lon: r.lon,
      areaKm2: r.area_km2,
      population: r.population,
      ...(province ? { province } : {}),
    });
  }
  if (units.length === 0) throw new JurisdictionLoadError(`${path}: no unit rows`);
  return units;
}

function loadDepartments(path: string): Department[] {
  const parsed = departmentsSchema.safeParse(readJson(path));
  if (!parsed.success) {
    // JSON has no reliable line numbers once parsed; the array index points at the entry instead.
    throw new JurisdictionLoadError(`${path}: ${formatIssues(parsed.error)}`);
  }
  const seen = new Map<string, number>();
  parsed.data.forEach((d, i) => {
    const first = seen.get(d.code);
    if (first !== undefined) {
      throw new JurisdictionLoadError(`${path}: [${i}] duplicate department code ${d.code} (first at [${first}])`);
    }
    seen.set(d.code, i);
  });
  return parsed.data;
}

function loadProvinces(path: string): ProvinceInfo[] {
  const parsed = provincesSchema.safeParse(readJson(path));
  if (!parsed.success) throw new JurisdictionLoadError(`${path}: ${formatIssues(parsed.error)}`);
  const seen = new Set<string>();
  parsed.data.forEach((p, i) => {
    if (seen.has(p.code)) throw new JurisdictionLoadError(`${path}: [${i}] duplicate province code ${p.code}`);
    seen.add(p.code);
  });
  return parsed.data;
}

/** Every unit names a listed province (a unit outside every province would drop out of the country's totals). */
function checkUnitProvinces(path: string, units: readonly Unit[], provinces: readonly ProvinceInfo[]): void {
  const codes = new Set(provinces.map((p) => p.code));
  for (const u of units) {
    if (!u.province) throw new JurisdictionLoadError(`${path}: unit ${u.code} has no province (the manifest lists provinces)`);
    if (!codes.has(u.province)) throw new JurisdictionLoadError(`${path}: unit ${u.code}: unknown province ${u.province}`);
  }
}

/**
 * The directory of a pack: fixtures/jurisdiction/<name>/ when it holds `<name>.json` (national
 * packs, several files), else fixtures/jurisdiction itself (hcmc).
 */
export function jurisdictionDirOf(name: string, base: string = DEFAULT_JURISDICTION_DIR): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new JurisdictionLoadError(`invalid jurisdiction name ${JSON.stringify(name)}`);
  const own = join(base, name);
  return existsSync(join(own, `${name}.json`)) ? own : base;
}

/**
 * Reads and validates the manifest `<dir>/<name>.json`.
 *
 * @throws JurisdictionLoadError when the file is missing or does not match the schema.
 */
export function readJurisdictionManifest(dir: string = DEFAULT_JURISDICTION_DIR, name = 'hcmc'): JurisdictionManifest {
  const path = join(dir, `${name}.json`);
  const parsed = manifestSchema.safeParse(readJson(path));
  if (!parsed.success) throw new JurisdictionLoadError(`${path}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Loads a jurisdiction: the manifest `<dir>/<name>.json`, its units CSV and departments JSON.
 *
 * Unit codes stay 5-digit strings (leading zeros kept). Units keep the CSV's order.
 *
 * @param dir directory holding the fixture files (default: this repository's fixtures/jurisdiction)
 * @param name manifest name without extension (default `hcmc`)
 * @throws JurisdictionLoadError with the file and line of the first problem found.
 */
export function loadJurisdiction(dir: string = DEFAULT_JURISDICTION_DIR, name = 'hcmc'): Jurisdiction {
  const manifest = readJurisdictionManifest(dir, name);
  const units = loadUnits(join(dir, manifest.unitsCsv));
  const departments = loadDepartments(join(dir, manifest.departments));
  const base = { code: manifest.code, name: manifest.name, nameEn: manifest.nameEn, units, departments };
  if (!manifest.provinces) return base;
  const provinces = loadProvinces(join(dir, manifest.provinces));
  checkUnitProvinces(join(dir, manifest.unitsCsv), units, provinces);
  return { ...base, provinces };
}

/**
 * The pack a process is configured with (JURISDICTION: `hcmc`, `vn`): the server, a web node and every
 * command-line tool load it the same way, so a code valid on the server is valid to its tools.
 */
export function loadNamedJurisdiction(name: string): Jurisdiction {
  return loadJurisdiction(jurisdictionDirOf(name), name);
}

/** Lookups over a loaded jurisdiction. */
export interface JurisdictionIndex {
  unitByCode: Map<string, Unit>;
  departmentByCode: Map<string, Department>;
  /**
   * The metrics scope key of a unit or department code, or null when the code is neither.
   * Surrounding spaces are ignored and department codes match case-insensitively, since codes
   * arrive typed by hand in URLs and source configurations.
   */
  scopeOf(code: string): `unit:${string}` | `department:${string}` | null;
}

/**
 * Builds code lookups for a jurisdiction.
 *
 * @returns maps by code and `scopeOf(code)` → `'unit:<code>'`, `'department:<code>'` or null.
 */
export function jurisdictionIndex(j: Jurisdiction): JurisdictionIndex {
  const unitByCode = new Map(j.units.map((u) => [u.code, u] as const));
  const departmentByCode = new Map(j.departments.map((d) => [d.code, d] as const));
  return {
    unitByCode,
    departmentByCode,
    scopeOf(code: string) {
      const c = code.trim();
      if (unitByCode.has(c)) return `unit:${c}`;
      const upper = c.toUpperCase();
      if (departmentByCode.has(upper)) return `department:${upper}`;
      return null;
    },
  };
}
