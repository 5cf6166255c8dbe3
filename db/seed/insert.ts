export const CHUNK_SIZE = 500;

export async function inChunks<Row, Out>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => Promise<Out[]>,
): Promise<Out[]> {
  const out: Out[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    out.push(...(await insert(rows.slice(start, start + CHUNK_SIZE))));
  }
  if (out.length !== rows.length)
    throw new Error(`Inserted ${out.length} rows out of ${rows.length}`);
  return out;
}

export async function insertAll<Row>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => PromiseLike<unknown>,
): Promise<number> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await insert(rows.slice(start, start + CHUNK_SIZE));
  }
  return rows.length;
}

export function assignIds<T extends { id: number }>(
  plans: readonly T[],
  inserted: readonly { id: number }[],
): void {
  const ascending = [...inserted].sort((a, b) => a.id - b.id);
  plans.forEach((plan, index) => {
    const row = ascending[index];
    if (!row) throw new Error(`No id returned for row ${index}`);
    plan.id = row.id;
  });
}
