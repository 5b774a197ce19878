// Coalesces re-plans: requests that arrive while a run is waiting share that run, so 200 field reports cost ~2 runs, not 200.

/**
 * A run requested after some write starts after that write committed: a request joins the waiting run
 * (not yet started) or queues a new one behind the running one.
 * @example const plan = await queue.request(() => runAndSave())
 */
export class PlanQueue<T = unknown> {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting: Promise<T> | undefined;

  request(run: () => Promise<T>): Promise<T> {
    if (this.#waiting !== undefined) return this.#waiting;
    const next = this.#tail.then(() => {
      this.#waiting = undefined;
      return run();
    });
    this.#waiting = next;
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs a task of its own behind everything queued, never shared (a re-plan from the live status at a given time):
   * it reads the latest run only once the runs before it are saved, and a run requested later starts after it.
   */
  exclusive<U>(run: () => Promise<U>): Promise<U> {
    const next = this.#tail.then(run);
    this.#waiting = undefined;
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
