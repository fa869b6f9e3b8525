/** class-transformer: trims strings (leaves anything else for the validators to refuse). */
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
