// Writes the allocation (or a part of it with some households fixed) as a binary program for a MipSolver.
import type { MipModel } from './mip-solver.ts';
import { type AllocationModel, capacityUse } from './model.ts';

/**
 * The households left to decide, the pairs each may still take, and what remains of every capacity row once the
 * fixed households are counted. `startPair` (global pair index or -1 per household) is a feasible plan to start from.
 */
export interface Subproblem {
  readonly households: Int32Array;
  readonly pairAllowed: Uint8Array;
  readonly capacityResidual: Float64Array;
  /** Least use still required of each capacity row (what remains once the fixed households are counted). */
  readonly capacityMinimum?: Float64Array;
  readonly startPair?: Int32Array;
}

/** The program and, for each of its columns, the pair it stands for. Rows: one per household, then capacity rows. */
export interface Formulation {
  readonly mip: MipModel;
  readonly columnPair: Int32Array;
}

/** The whole allocation, every household free. */
export function wholeSubproblem(model: AllocationModel): Subproblem {
  return {
    households: Int32Array.from({ length: model.householdCount }, (_, h) => h),
    pairAllowed: new Uint8Array(model.pairCountry.length).fill(1),
    capacityResidual: model.capacityLimit.slice(),
  };
}

/** @example const { mip, columnPair } = formulate(model, wholeSubproblem(model), true); */
export function formulate(model: AllocationModel, sub: Subproblem, integer: boolean): Formulation {
  const { pairStart, pairCountry, countryCapacityStart, capacityKind } = model;
  const householdRows = sub.households.length;
  const capacityRows = model.capacityLimit.length;
  let columnCount = 0;
  for (const h of sub.households) {
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) if (sub.pairAllowed[p] === 1) columnCount++;
  }
  const columnPair = new Int32Array(columnCount);
  const columnHousehold = new Int32Array(columnCount);
  const capacityCount = new Int32Array(capacityRows);
  let column = 0;
  for (const h of sub.households) {
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      if (sub.pairAllowed[p] !== 1) continue;
      columnPair[column] = p;
      columnHousehold[column++] = h;
      const c = pairCountry[p]!;
      for (let k = countryCapacityStart[c]!; k < countryCapacityStart[c + 1]!; k++) {
        if (capacityUse(model, capacityKind[k]!, h) !== 0) capacityCount[k]!++;
      }
    }
  }
  const rowCount = householdRows + capacityRows;
  const rowStarts = new Int32Array(rowCount + 1);
  // Household rows hold each household's columns, which are contiguous in column order.
  let h = 0;
  for (let c = 0; c < columnCount; c++) {
    while (sub.households[h] !== columnHousehold[c]) rowStarts[++h] = c;
  }
  while (h < householdRows) rowStarts[++h] = columnCount;
  for (let k = 0; k < capacityRows; k++)
    rowStarts[householdRows + k + 1] = rowStarts[householdRows + k]! + capacityCount[k]!;
  const entryCount = rowStarts[rowCount]!;
  const rowColumns = new Int32Array(entryCount);
  const rowValues = new Float64Array(entryCount);
  for (let c = 0; c < columnCount; c++) {
    rowColumns[c] = c;
    rowValues[c] = 1;
  }
  const fill = rowStarts.slice(householdRows, rowCount);
  for (let c = 0; c < columnCount; c++) {
    const p = columnPair[c]!;
    const country = pairCountry[p]!;
    for (let k = countryCapacityStart[country]!; k < countryCapacityStart[country + 1]!; k++) {
      const use = capacityUse(model, capacityKind[k]!, columnHousehold[c]!);
      if (use === 0) continue;
      const at = fill[k]!++;
      rowColumns[at] = c;
      rowValues[at] = use;
    }
  }
  const rowLower = new Float64Array(rowCount).fill(-Infinity);
  const rowUpper = new Float64Array(rowCount);
  sub.households.forEach((household, row) => {
    rowUpper[row] = 1;
    if (model.mustPlace[household] === 1) rowLower[row] = 1;
  });
  rowUpper.set(sub.capacityResidual, householdRows);
  if (sub.capacityMinimum !== undefined) rowLower.set(sub.capacityMinimum, householdRows);
  const objective = new Float64Array(columnCount);
  for (let c = 0; c < columnCount; c++) objective[c] = model.pairScore[columnPair[c]!]!;
  const mip: MipModel = {
    columnCount,
    objective,
    columnLower: new Float64Array(columnCount),
    columnUpper: new Float64Array(columnCount).fill(1),
    integer,
    rowLower,
    rowUpper,
    rowStarts,
    rowColumns,
    rowValues,
    ...(sub.startPair === undefined ? {} : { start: startValues(sub.startPair, columnPair) }),
  };
  return { mip, columnPair };
}

function startValues(startPair: Int32Array, columnPair: Int32Array): Float64Array {
  const chosen = new Set<number>();
  for (const p of startPair) if (p >= 0) chosen.add(p);
  return Float64Array.from(columnPair, (p) => (chosen.has(p) ? 1 : 0));
}
