/**
 * Runs a stepwise computation (a generator that yields between slices of work) to its end at once. The builds
 * are written as steps so that a page can run them in slices; Node, the service worker and tests want the result.
 */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
