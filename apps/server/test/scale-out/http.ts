// Small tRPC-over-HTTP calls, as any client would make them (no transformer: plain JSON).
export interface Reply {
  status: number;
  data: unknown;
}

export async function mutate(
  base: string,
  procedure: string,
  input: unknown,
  access?: string,
): Promise<Reply> {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(access ? { authorization: `Bearer ${access}` } : {}),
    },
    body: JSON.stringify(input),
  });
  return reply(res);
}

export async function query(base: string, procedure: string, access?: string): Promise<Reply> {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    headers: access ? { authorization: `Bearer ${access}` } : {},
  });
  return reply(res);
}

async function reply(res: Response): Promise<Reply> {
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  return { status: res.status, data: body.result ? body.result.data : body.error };
}

export const registration = (email: string, password: string, index: number) => ({
  email,
  username: `user_${index}_${Math.random().toString(36).slice(2, 8)}`,
  phone_number: `+1555${String(index).padStart(7, '0')}`,
  password,
});

/** Runs `task` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
