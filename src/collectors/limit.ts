// A small p-limit: at most `n` tasks run at once. Only leaf work (one list walk for one scope)
// goes through it, never a task that waits on other limited tasks, so it cannot deadlock.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(n: number): Limiter {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be an integer ≥ 1, got ${n}`);
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active++;
        task().then(resolve, reject).finally(release);
      };
      if (active < n) run();
      else queue.push(run);
    });
}

/** Runs `fn` over `items` under the limiter; results in input order, errors captured per item. */
export async function mapSettled<I, O>(
  limit: Limiter,
  items: readonly I[],
  fn: (item: I) => Promise<O>,
): Promise<Array<{ item: I; ok: true; value: O } | { item: I; ok: false; error: unknown }>> {
  return Promise.all(
    items.map((item) =>
      limit(() => fn(item)).then(
        (value) => ({ item, ok: true as const, value }),
        (error: unknown) => ({ item, ok: false as const, error }),
      ),
    ),
  );
}
