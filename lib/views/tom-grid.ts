import {
  COUNCILS,
  ServiceCategory,
  TomFunction,
  type Council,
  type StaffRecord,
  type TomFunction as TomFunctionT,
  type ServiceCategory as ServiceCategoryT,
} from '../domain';
import { roundFte } from './text';

export interface GridCell {
  people: number;
  fte: number;
}

export type FunctionColumn = TomFunctionT | 'none';
export const FUNCTION_COLUMNS: readonly FunctionColumn[] = [...TomFunction.options, 'none'];

export interface TomGridRow {
  /** The person's current team ('' when the record has none). */
  team: string;
  cells: Record<FunctionColumn, GridCell>;
  total: GridCell;
}

export interface TomGrid {
  rows: TomGridRow[];
  totals: Record<FunctionColumn, GridCell>;
  total: GridCell;
}

function cell(): GridCell {
  return { people: 0, fte: 0 };
}
function addTo(c: GridCell, fte: number) {
  c.people++;
  c.fte += fte;
}
function round(c: GridCell) {
  c.fte = roundFte(c.fte);
}
function cells(): Record<FunctionColumn, GridCell> {
  return Object.fromEntries(FUNCTION_COLUMNS.map((f) => [f, cell()])) as Record<FunctionColumn, GridCell>;
}

/**
 * Where each current team lands in the Target Operating Model: team × TOM function, people and FTE per cell.
 * Vacant posts are left out: a manager asks where their people go.
 */
export function tomGrid(records: readonly StaffRecord[]): TomGrid {
  const rows = new Map<string, TomGridRow>();
  const totals = cells();
  const total = cell();
  for (const r of records) {
    if (r.vacant) continue;
    const team = r.team ?? '';
    let row = rows.get(team);
    if (!row) {
      row = { team, cells: cells(), total: cell() };
      rows.set(team, row);
    }
    const f: FunctionColumn = r.tomFunction ?? 'none';
    const fte = r.fte ?? 0;
    addTo(row.cells[f], fte);
    addTo(row.total, fte);
    addTo(totals[f], fte);
    addTo(total, fte);
  }
  const list = [...rows.values()].sort((a, b) =>
    a.team === '' ? 1 : b.team === '' ? -1 : a.team.localeCompare(b.team, 'en'),
  );
  for (const row of list) {
    FUNCTION_COLUMNS.forEach((f) => round(row.cells[f]));
    round(row.total);
  }
  FUNCTION_COLUMNS.forEach((f) => round(totals[f]));
  round(total);
  return { rows: list, totals, total };
}

export type CategoryRow = ServiceCategoryT | 'none';
export const CATEGORY_ROWS: readonly CategoryRow[] = [...ServiceCategory.options, 'none'];

export interface FteBaseline {
  /** FTE per service category and council, rounded to one decimal place. */
  fte: Record<CategoryRow, Record<Council, number>>;
  categoryTotals: Record<CategoryRow, number>;
  councilTotals: Record<Council, number>;
  total: number;
}

/**
 * FTE by council × service category, the shape of the SOCITM baseline table (Islington 138.1, Camden 175.0,
 * Haringey 91.7 in scope). Only people in post count: the baseline is staff FTE, and a vacant post has nobody to
 * transfer. Sums are rounded only at the end so 0.1s do not drift.
 */
export function fteByCouncilAndCategory(records: readonly StaffRecord[]): FteBaseline {
  const zero = () => Object.fromEntries(COUNCILS.map((c) => [c, 0])) as Record<Council, number>;
  const fte = Object.fromEntries(CATEGORY_ROWS.map((k) => [k, zero()])) as Record<CategoryRow, Record<Council, number>>;
  for (const r of records) {
    if (r.vacant) continue;
    const row = fte[r.serviceCategory ?? 'none'];
    row[r.council] += r.fte ?? 0;
  }
  const categoryTotals = {} as Record<CategoryRow, number>;
  const councilTotals = zero();
  let total = 0;
  for (const k of CATEGORY_ROWS) {
    let sum = 0;
    for (const c of COUNCILS) {
      sum += fte[k][c];
      councilTotals[c] += fte[k][c];
      fte[k][c] = roundFte(fte[k][c]);
    }
    categoryTotals[k] = roundFte(sum);
    total += sum;
  }
  for (const c of COUNCILS) councilTotals[c] = roundFte(councilTotals[c]);
  return { fte, categoryTotals, councilTotals, total: roundFte(total) };
}
