/**
 * The province level of a national jurisdiction (country → province → commune → dossier).
 * Pure: this file imports nothing.
 */

/** A province or centrally-run city of a national pack (fixtures/jurisdiction/vn). */
export interface ProvinceInfo {
  /** 2-digit code of the statistics office's list ("01" Hà Nội, "79" Thành phố Hồ Chí Minh). */
  code: string;
  /** Full name: "Thành phố Hà Nội", "Tỉnh Cao Bằng". */
  name: string;
  /** Without "Tỉnh"/"Thành phố": "Hà Nội". */
  shortName: string;
  nameEn: string;
  /** An approximate centre (the schematic map places the province's cell around it), not an official point. */
  lat: number;
  lon: number;
}

/** Which level of a national pack an overview answer is of (OverviewResponse.level). */
export interface OverviewLevel {
  /** The province's code, or null for the whole country. */
  province: string | null;
}
