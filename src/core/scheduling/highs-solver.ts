// The MipSolver backed by HiGHS (WASM, loaded asynchronously once): the only file that imports highs.
import loadHighs from 'highs';
import type { MipSolver } from './exact-model.ts';

/** Loads HiGHS and wraps it as a MipSolver. @example const solver = await loadHighsSolver(); */
export async function loadHighsSolver(): Promise<MipSolver> {
  const highs = await loadHighs();
  return {
    maximize(lpText) {
      const result = highs.solve(lpText, { output_flag: false });
      const status = result.Status === 'Optimal' ? 'optimal' : result.Status === 'Infeasible' ? 'infeasible' : 'other';
      return { status, objective: result.ObjectiveValue };
    },
  };
}
