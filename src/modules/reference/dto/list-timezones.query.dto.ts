import { SearchableListQueryDto, SortParam } from '@libs/core';

/** The sort keys of the time zone list; the repository maps each to its column. */
export const TIMEZONE_SORT = { keys: ['name'], default: 'name' } as const;

/** `GET /reference/timezones`: `q` matches the name, e.g. `q=europe/` for the European zones. */
export class ListTimezonesQueryDto extends SearchableListQueryDto {
  @SortParam(TIMEZONE_SORT.keys, TIMEZONE_SORT.default)
  sort?: string;
}
