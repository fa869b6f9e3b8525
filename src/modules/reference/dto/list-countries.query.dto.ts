import { SearchableListQueryDto, SortParam } from '@libs/core';

/** The sort keys of the country list; the repository maps each to its column. */
export const COUNTRY_SORT = { keys: ['name', 'code'], default: 'name' } as const;

/** `GET /reference/countries`: `q` matches the code or the name. */
export class ListCountriesQueryDto extends SearchableListQueryDto {
  @SortParam(COUNTRY_SORT.keys, COUNTRY_SORT.default)
  sort?: string;
}
