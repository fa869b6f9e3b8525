/** One permission a module declares: `<domain>.<resource>.<action>`, e.g. `customers.customer.read`. */
export interface PermissionDeclaration {
  /** `<domain>.<resource>.<action>`: lowercase words, kebab-case inside a part (`access.api-key.manage`). */
  key: string;
  /** What the permission allows, for people choosing a role's permissions. */
  description: string;
  /** The key may be granted with scope `own` (rows the principal owns) as well as `all`. Default false. */
  scopable?: boolean;
}

/** A declaration after validation: every field present. */
export interface PermissionEntry {
  key: string;
  domain: string;
  resource: string;
  action: string;
  description: string;
  scopable: boolean;
}

const WORD = '[a-z]+(?:-[a-z]+)*';

/** `<domain>.<resource>.<action>`; the domain is one word (the module), resource and action kebab-case. */
export const PERMISSION_KEY_PATTERN = new RegExp(`^([a-z]+)\\.(${WORD})\\.(${WORD})$`);

const DOMAIN_PATTERN = /^[a-z]+$/;

/** Splits a well-formed key into its parts; null when the key is malformed. */
export function parsePermissionKey(key: string): { domain: string; resource: string; action: string } | null {
  const match = PERMISSION_KEY_PATTERN.exec(key);
  if (!match) return null;
  return { domain: match[1], resource: match[2], action: match[3] };
}

/**
 * The permission keys one module defines (its `<module>.permissions.ts`). The module provides it as
 * `{ provide: '<DOMAIN>_PERMISSIONS', useValue: new PermissionSet('<domain>', [...]) }`; the access
 * module discovers every PermissionSet provider at start-up and syncs the catalogue from them.
 *
 * Construction validates the declarations, so a typo fails the boot, not a request: every key is
 * well-formed and belongs to the set's domain, keys are unique, descriptions are not empty.
 */
export class PermissionSet {
  readonly entries: readonly PermissionEntry[];

  constructor(
    readonly domain: string,
    declarations: readonly PermissionDeclaration[],
  ) {
    if (!DOMAIN_PATTERN.test(domain)) {
      throw new Error(`PermissionSet domain "${domain}" must be one lowercase word (the module name)`);
    }
    const seen = new Set<string>();
    this.entries = Object.freeze(
      declarations.map((declaration, index) => {
        const where = `PermissionSet "${domain}" entry ${index}`;
        const parts = parsePermissionKey(declaration.key);
        if (!parts) {
          throw new Error(
            `${where}: key "${declaration.key}" must look like <domain>.<resource>.<action> (lowercase, kebab-case words)`,
          );
        }
        if (parts.domain !== domain) {
          throw new Error(`${where}: key "${declaration.key}" must start with its domain "${domain}."`);
        }
        if (seen.has(declaration.key))
          throw new Error(`${where}: key "${declaration.key}" is declared twice`);
        seen.add(declaration.key);
        const description = declaration.description?.trim() ?? '';
        if (description.length === 0)
          throw new Error(`${where}: key "${declaration.key}" needs a description`);
        return Object.freeze({
          key: declaration.key,
          ...parts,
          description,
          scopable: declaration.scopable ?? false,
        });
      }),
    );
    Object.freeze(this);
  }

  /** The declared keys, in declaration order. */
  get keys(): string[] {
    return this.entries.map((entry) => entry.key);
  }
}
