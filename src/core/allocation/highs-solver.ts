// The MipSolver backed by HiGHS (WebAssembly): loaded once, asynchronously; each solve is synchronous.
import loadHighs from 'highs';
import type { MipLimits, MipModel, MipSolution, MipSolver, MipStatus } from './mip-solver.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/** @example const solver = await loadHighsSolver(); solver.solve(model, limits); */
export async function loadHighsSolver(): Promise<MipSolver> {
  const highs = await loadHighs();
  return { name: 'highs', solve: (model, limits) => solveWithHighs(highs, model, limits) };
}

function solveWithHighs(highs: Highs, model: MipModel, limits: MipLimits): MipSolution {
  // Fixing can leave nothing to decide; HiGHS rejects an empty model's warm start, and the answer is known.
  if (model.columnCount === 0) {
    return { status: 'optimal', objective: 0, bound: 0, values: new Float64Array(0), rowDuals: undefined, seconds: 0 };
  }
  const { constants } = highs;
  const inf = highs.infinity;
  const clamp = (values: Float64Array): Float64Array =>
    values.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
  const rowCount = model.rowLower.length;
  const handle = highs.createModel({
    numCols: model.columnCount,
    numRows: rowCount,
    sense: constants.objectiveSense.maximize,
    colCost: model.objective,
    colLower: model.columnLower,
    colUpper: clamp(model.columnUpper),
    rowLower: clamp(model.rowLower),
    rowUpper: clamp(model.rowUpper),
    matrix: {
      format: 'csr',
      numRows: rowCount,
      numCols: model.columnCount,
      starts: model.rowStarts,
      indices: model.rowColumns,
      values: model.rowValues,
    },
    ...(model.integer ? { integrality: new Int32Array(model.columnCount).fill(constants.variableType.integer) } : {}),
  });
  try {
    handle.options.set({
      output_flag: false,
      time_limit: limits.timeLimitS,
      mip_rel_gap: limits.relativeGap ?? 0,
      mip_abs_gap: limits.absoluteGap,
      random_seed: 0,
      ...(limits.heuristicEffort === undefined ? {} : { mip_heuristic_effort: limits.heuristicEffort }),
      ...(limits.objectiveTarget === undefined ? {} : { objective_target: limits.objectiveTarget }),
    });
    if (model.integer && model.start !== undefined) {
      // A warm start is only a hint: a start HiGHS refuses must not stop the solve.
      try {
        handle.setSolution({ colValue: model.start });
      } catch {}
    }
    const run = handle.run();
    const status = statusOf(run.modelStatus, constants.modelStatus);
    const seconds = handle.getRunTime();
    const hasPrimal = handle.info.get('primal_solution_status') === 2;
    if (status === 'infeasible' || !hasPrimal) {
      // Stopped before any plan was found: the dual bound (if the root LP finished) is still a real bound.
      const dualBound = model.integer ? Number(handle.info.get('mip_dual_bound')) : Number.NaN;
      return {
        status: status === 'optimal' ? 'failed' : status,
        objective: -Infinity,
        bound: Number.isFinite(dualBound) ? dualBound : Infinity,
        values: new Float64Array(model.columnCount),
        rowDuals: undefined,
        seconds,
      };
    }
    const solution = handle.getSolution();
    const objective = handle.getObjectiveValue();
    const bound = model.integer ? Number(handle.info.get('mip_dual_bound')) : objective;
    return {
      status,
      objective,
      bound: Number.isFinite(bound) ? Math.max(bound, objective) : Infinity,
      values: solution.colValue,
      rowDuals: model.integer || status !== 'optimal' ? undefined : solution.rowDual,
      seconds,
    };
  } finally {
    handle.dispose();
  }
}

function statusOf(code: number, names: Highs['constants']['modelStatus']): MipStatus {
  if (code === names.optimal || code === names.empty) return 'optimal';
  if (code === names.infeasible) return 'infeasible';
  // Stopped early (time, a solution limit, or the objective target reached): the plan stands, the bound is the solver's.
  if (
    code === names.timeLimit ||
    code === names.interrupted ||
    code === names.solutionLimit ||
    code === names.objectiveTarget
  ) {
    return 'time-limit';
  }
  return 'failed';
}
