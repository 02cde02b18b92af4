/**
 * Tile cartogram: one equal square per unit on a grid, placed roughly where the unit lies.
 * Pure and deterministic (the input order does not matter): same units in, same grid out.
 *
 * 1. Project lon/lat to a plane (equirectangular, scaled by cos of the mean latitude).
 * 2. Normalise each axis as a blend of linear position (within robust 2nd–98th percentile
 *    bounds, so a far island does not squash the rest) and rank (so the dense inner city gets
 *    room), giving a target point on the grid.
 * 3. Assign cells greedily, centre first, each unit taking the free cell nearest its target.
 * 4. Improve by pairwise swaps and moves into free cells while the total squared displacement
 *    falls, then trim empty border rows and columns.
 */

export interface CartogramInput {
  code: string;
  lat: number;
  lon: number;
}

export interface CartogramCell {
  code: string;
  /** 0-based column, west → east. */
  col: number;
  /** 0-based row, north → south. */
  row: number;
}

export interface CartogramLayout {
  cols: number;
  rows: number;
  /** Sorted by code. */
  cells: CartogramCell[];
}

export interface CartogramOptions {
  /** Grid cells per unit (≥ 1); slack lets units sit near their target. Default 1.35. */
  fill?: number;
  /** Weight of rank vs linear position, 0..1. Default 0.5. */
  rankWeight?: number;
  /** Upper bound of improvement passes. Default 40. */
  maxPasses?: number;
  /**
   * Target grid shape, columns ÷ rows (0.5..3), e.g. to fill a wide panel. Default: the
   * shape of the points' robust extent (clamped to 0.5..2).
   */
  aspect?: number;
}

function percentile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Ranks in [0, 1] (ties share their average rank). */
function normalisedRanks(values: number[]): number[] {
  const n = values.length;
  if (n === 1) return [0.5];
  const idx = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && idx[j + 1][0] === idx[i][0]) j++;
    const r = (i + j) / 2 / (n - 1);
    for (let k = i; k <= j; k++) ranks[idx[k][1]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Linear position within robust bounds, clamped to [0, 1]. */
function normalisedLinear(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  let lo = percentile(sorted, 0.02);
  let hi = percentile(sorted, 0.98);
  if (hi - lo < 1e-12) {
    lo = sorted[0];
    hi = sorted[sorted.length - 1];
  }
  const span = hi - lo;
  if (span < 1e-12) return values.map(() => 0.5);
  return values.map((v) => Math.min(1, Math.max(0, (v - lo) / span)));
}

/**
 * Each unit's position on both axes in [0, 1] (east and north grow): a blend, by `w`, of its linear
 * position and its rank. Also the projected coordinates, which the grid's shape is taken from.
 */
function normalisedPositions(list: readonly CartogramInput[], w: number) {
  const meanLat = list.reduce((s, u) => s + u.lat, 0) / list.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = list.map((u) => u.lon * k);
  const ys = list.map((u) => u.lat);

  const linX = normalisedLinear(xs);
  const linY = normalisedLinear(ys);
  const rankX = normalisedRanks(xs);
  const rankY = normalisedRanks(ys);
  const nx = linX.map((v, i) => (1 - w) * v + w * rankX[i]);
  const ny = linY.map((v, i) => (1 - w) * v + w * rankY[i]);
  return { xs, ys, nx, ny };
}

/** Columns and rows of a grid of about `n × fill` cells, shaped like `aspect` or else like the points' robust extent. */
function gridShape(xs: number[], ys: number[], n: number, fill: number, aspectOption: number | undefined): { cols: number; rows: number } {
  const sx = [...xs].sort((a, b) => a - b);
  const sy = [...ys].sort((a, b) => a - b);
  const ex = percentile(sx, 0.98) - percentile(sx, 0.02);
  const ey = percentile(sy, 0.98) - percentile(sy, 0.02);
  const geoAspect = ey > 1e-12 && ex > 1e-12 ? Math.min(2, Math.max(0.5, ex / ey)) : 1;
  const aspect = aspectOption != null && Number.isFinite(aspectOption) ? Math.min(3, Math.max(0.5, aspectOption)) : geoAspect;
  const cellCount = Math.ceil(n * fill);
  const cols = Math.max(1, Math.round(Math.sqrt(cellCount * aspect)));
  const rows = Math.max(1, Math.ceil(cellCount / cols));
  return { cols, rows };
}

/** Cells of a grid in row-major order, each unit's target on it and who sits where. */
interface Grid {
  cols: number;
  rows: number;
  /** Continuous target of each unit in grid coordinates (row 0 = north). */
  tx: Float64Array;
  ty: Float64Array;
  /** Column and row of each cell (looked up, not divided, in the layout's inner loops). */
  colOf: Float64Array;
  rowOf: Float64Array;
  /** Unit index in each cell, -1 when free. */
  occupant: Int32Array;
  /** Cell of each unit, -1 before it is placed. */
  cellOf: Int32Array;
}

function emptyGrid(cols: number, rows: number, nx: number[], ny: number[]): Grid {
  const tx = Float64Array.from(nx, (v) => v * (cols - 1));
  const ty = Float64Array.from(ny, (v) => (1 - v) * (rows - 1));
  const colOf = new Float64Array(cols * rows);
  const rowOf = new Float64Array(cols * rows);
  for (let cell = 0; cell < colOf.length; cell++) {
    colOf[cell] = cell % cols;
    rowOf[cell] = Math.floor(cell / cols);
  }
  return { cols, rows, tx, ty, colOf, rowOf, occupant: new Int32Array(cols * rows).fill(-1), cellOf: new Int32Array(nx.length).fill(-1) };
}

/** Squared distance from unit `i`'s target to `cell`. */
function cost(g: Grid, i: number, cell: number): number {
  const dx = g.colOf[cell] - g.tx[i];
  const dy = g.rowOf[cell] - g.ty[i];
  return dx * dx + dy * dy;
}

/** Greedy: units nearest the centre first, so the core stays compact and the rest move outward. */
function placeGreedy(g: Grid): void {
  const { tx, ty, occupant, cellOf } = g;
  const cx = (g.cols - 1) / 2;
  const cy = (g.rows - 1) / 2;
  const order = Array.from(tx, (_, i) => i).sort((a, b) => {
    const da = (tx[a] - cx) ** 2 + (ty[a] - cy) ** 2;
    const db = (tx[b] - cx) ** 2 + (ty[b] - cy) ** 2;
    return da - db || a - b;
  });
  for (const i of order) {
    let best = -1;
    let bestCost = Infinity;
    for (let cell = 0; cell < occupant.length; cell++) {
      if (occupant[cell] !== -1) continue;
      const c = cost(g, i, cell);
      if (c < bestCost - 1e-12) {
        bestCost = c;
        best = cell;
      }
    }
    occupant[best] = i;
    cellOf[i] = best;
  }
}

/** Local improvement: swap pairs or move into a free cell while it strictly lowers the cost. */
function improve(g: Grid, maxPasses: number): void {
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let i = 0; i < g.cellOf.length; i++) {
      if (swapWithLater(g, i)) improved = true;
      if (moveToFreeCell(g, i)) improved = true;
    }
    if (!improved) break;
  }
}

/**
 * Swaps unit `i` with each later unit where that lowers their summed cost; whether any swap happened.
 * The saving of a swap, cost(i,ci) + cost(j,cj) − cost(i,cj) − cost(j,ci), is 2 (pj − pi)·(ti − tj) with
 * p the cells' positions and t the targets: a dot product instead of four distances, in a loop that runs
 * n² / 2 times a pass (a phone lays out 168 units while the first screen waits).
 */
function swapWithLater(g: Grid, i: number): boolean {
  const { occupant, cellOf, colOf, rowOf, tx, ty } = g;
  let improved = false;
  for (let j = i + 1; j < cellOf.length; j++) {
    const ci = cellOf[i];
    const cj = cellOf[j];
    const saving = 2 * ((colOf[cj] - colOf[ci]) * (tx[i] - tx[j]) + (rowOf[cj] - rowOf[ci]) * (ty[i] - ty[j]));
    if (saving > 1e-9) {
      cellOf[i] = cj;
      cellOf[j] = ci;
      occupant[cj] = i;
      occupant[ci] = j;
      improved = true;
    }
  }
  return improved;
}

/** Moves unit `i` into each free cell closer to its target, in cell order; whether it moved. */
function moveToFreeCell(g: Grid, i: number): boolean {
  const { occupant, cellOf } = g;
  let improved = false;
  let here = cost(g, i, cellOf[i]);
  for (let cell = 0; cell < occupant.length; cell++) {
    if (occupant[cell] !== -1) continue;
    const there = cost(g, i, cell);
    if (there < here - 1e-9) {
      occupant[cellOf[i]] = -1;
      occupant[cell] = i;
      cellOf[i] = cell;
      here = there;
      improved = true;
    }
  }
  return improved;
}

/** The placed units, with empty border rows and columns trimmed. */
function trimmedLayout(list: readonly CartogramInput[], g: Grid): CartogramLayout {
  const { cols, cellOf } = g;
  let minCol = Infinity;
  let minRow = Infinity;
  let maxCol = -Infinity;
  let maxRow = -Infinity;
  for (let i = 0; i < cellOf.length; i++) {
    const col = cellOf[i] % cols;
    const row = Math.floor(cellOf[i] / cols);
    minCol = Math.min(minCol, col);
    maxCol = Math.max(maxCol, col);
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
  }
  const cells = list.map((u, i) => ({
    code: u.code,
    col: (cellOf[i] % cols) - minCol,
    row: Math.floor(cellOf[i] / cols) - minRow,
  }));
  return { cols: maxCol - minCol + 1, rows: maxRow - minRow + 1, cells };
}

/** Lays out units on a square-tile grid; see the module comment for the method. */
export function layoutCartogram(units: readonly CartogramInput[], options: CartogramOptions = {}): CartogramLayout {
  const fill = Math.max(1, options.fill ?? 1.35);
  const w = Math.min(1, Math.max(0, options.rankWeight ?? 0.5));
  const maxPasses = options.maxPasses ?? 40;

  const list = [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (list.length === 0) return { cols: 0, rows: 0, cells: [] };

  const { xs, ys, nx, ny } = normalisedPositions(list, w);
  const { cols, rows } = gridShape(xs, ys, list.length, fill, options.aspect);
  const grid = emptyGrid(cols, rows, nx, ny);
  placeGreedy(grid);
  improve(grid, maxPasses);
  return trimmedLayout(list, grid);
}
