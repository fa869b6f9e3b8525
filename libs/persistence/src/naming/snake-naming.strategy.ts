import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

const MAX_IDENTIFIER = 63; // PostgreSQL silently truncates longer names, which would make them collide.

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `schema.table` -> `table`: constraint names are unique per schema, so the schema adds nothing. */
function bareTableName(tableOrName: Table | View | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop()!.replace(/"/g, '');
}

/** `<prefix>_<table>_<columns>`, shortened with a stable hash when over PostgreSQL's 63 characters. */
function constraintName(prefix: string, tableOrName: Table | View | string, parts: string[]): string {
  const name = [prefix, bareTableName(tableOrName), ...parts].join('_');
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}

/**
 * snake_case tables and columns, and readable constraint names (ARCHITECTURE §4):
 * pk_<table>, fk_<table>_<columns>, uq_<table>_<columns>, ix_<table>_<columns>, ck_<table>_<rule>.
 * Checks should be named explicitly with `@Check('ck_<table>_<rule>', …)`; unnamed ones get a hash.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  /** Entities name their (plural) tables explicitly; English plurals are not worth guessing. */
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(
    propertyName: string,
    customName: string | undefined,
    embeddedPrefixes: string[],
  ): string {
    return snakeCase([...embeddedPrefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string): string {
    return `${bareTableName(firstTableName)}_${bareTableName(secondTableName)}`;
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${bareTableName(tableName)}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return constraintName('pk', tableOrName, []);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('uq', tableOrName, columnNames);
  }

  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('uq', tableOrName, columnNames);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('fk', tableOrName, columnNames);
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    return constraintName('ix', tableOrName, columnNames);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string, isEnum?: boolean): string {
    const hash = createHash('sha1').update(expression).digest('hex').slice(0, 8);
    return constraintName('ck', tableOrName, [isEnum ? 'enum' : hash]);
  }

  override defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return constraintName('df', tableOrName, [columnName]);
  }

  override exclusionConstraintName(tableOrName: Table | string, expression: string): string {
    return constraintName('xc', tableOrName, [
      createHash('sha1').update(expression).digest('hex').slice(0, 8),
    ]);
  }
}
