// The interface the allocation uses to solve integer and linear programs, so tests and workers can swap solvers.

/**
 * A maximisation problem in flat arrays: columns with bounds and costs, rows as CSR with lower and upper
 * activity bounds (±Infinity for none). `integer` makes every column integer; false asks for the LP relaxation.
 */
export interface MipModel {
  readonly columnCount: number;
  readonly objective: Float64Array;
  readonly columnLower: Float64Array;
  readonly columnUpper: Float64Array;
  readonly integer: boolean;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly rowStarts: Int32Array;
  readonly rowColumns: Int32Array;
  readonly rowValues: Float64Array;
  /** A feasible integer start, if known (lets the solver prune from the first node). */
  readonly start?: Float64Array;
}

export interface MipLimits {
  readonly timeLimitS: number;
  /** Stop when the incumbent is proven within this many objective points of the optimum. */
  readonly absoluteGap: number;
  /** Or stop when proven within this share of the optimum (default 0). */
  readonly relativeGap?: number;
  /** Share of effort spent searching for better plans rather than proving (0–1); low when the start is good. */
  readonly heuristicEffort?: number;
  /**
   * Stop as soon as a solution scoring at least this is found (a search for a plan that reaches a target, not a
   * proof that none is better: the bound returned is still the solver's own).
   */
  readonly objectiveTarget?: number;
}

export type MipStatus = 'optimal' | 'time-limit' | 'infeasible' | 'failed';

/**
 * `bound` is a proven upper bound on the optimum (the LP value for an LP, the dual bound for a MIP).
 * `rowDuals` are given for an optimal LP: the objective gain per unit of a row's upper bound (≥ 0 for a
 * binding `≤` row in this maximisation).
 */
export interface MipSolution {
  readonly status: MipStatus;
  readonly objective: number;
  readonly bound: number;
  readonly values: Float64Array;
  readonly rowDuals: Float64Array | undefined;
  readonly seconds: number;
}

/** @example const solution = solver.solve(model, { timeLimitS: 10, absoluteGap: 1e-6 }); */
export interface MipSolver {
  readonly name: string;
  solve(model: MipModel, limits: MipLimits): MipSolution;
}
