import { SearchableListQueryDto, SortParam } from '@libs/core';

/** The sort keys of the language list; the repository maps each to its column. */
export const LANGUAGE_SORT = { keys: ['name', 'code'], default: 'name' } as const;

/** `GET /reference/languages`: `q` matches the code, the English name or the native name. */
export class ListLanguagesQueryDto extends SearchableListQueryDto {
  @SortParam(LANGUAGE_SORT.keys, LANGUAGE_SORT.default)
  sort?: string;
}
