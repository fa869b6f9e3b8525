/** The list envelope of every collection endpoint: `{ data, page: { limit, nextCursor, total? } }`. */
export interface PageMeta {
  limit: number;
  nextCursor: string | null;
  total?: number;
}

export interface Page<T> {
  data: T[];
  page: PageMeta;
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { data: page.data.map(map), page: page.page };
}
