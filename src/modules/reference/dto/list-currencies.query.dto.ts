import { SearchableListQueryDto, SortParam } from '@libs/core';

/** The sort keys of the currency list; the repository maps each to its column. */
export const CURRENCY_SORT = { keys: ['code', 'name'], default: 'code' } as const;

/** `GET /reference/currencies`: `q` matches the code or the name. */
export class ListCurrenciesQueryDto extends SearchableListQueryDto {
  @SortParam(CURRENCY_SORT.keys, CURRENCY_SORT.default)
  sort?: string;
}
