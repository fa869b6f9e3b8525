/** One entity type the audit log records, and the permission that lets a caller read its rows. */
export interface AuditedEntityDeclaration {
  /** The audit rows' `entity_type`, as the module's migration names it (`customer_address`). */
  entityType: string;
  /** `<domain>.<resource>.<action>`: who may read the record may read its audit rows. */
  readPermission: string;
}

/**
 * The audited entity types of one module and their read keys. Timelines mix rows of several modules
 * (a customer's timeline shows its orders); each row is kept only if the caller may read its entity
 * type, and a type nobody declared is never shown. Modules provide it like their PermissionSet:
 * `{ provide: '<DOMAIN>_AUDITED_ENTITIES', useValue: new AuditedEntitySet([...]) }`.
 */
export class AuditedEntitySet {
  readonly entries: readonly AuditedEntityDeclaration[];

  constructor(entries: readonly AuditedEntityDeclaration[]) {
    for (const { entityType, readPermission } of entries) {
      if (!/^[a-z][a-z0-9_]*$/.test(entityType)) {
        throw new Error(`AuditedEntitySet: entity type "${entityType}" must be snake_case`);
      }
      if (readPermission.split('.').length !== 3) {
        throw new Error(`AuditedEntitySet: "${readPermission}" of ${entityType} is not a permission key`);
      }
    }
    this.entries = Object.freeze(entries.map((entry) => Object.freeze({ ...entry })));
    Object.freeze(this);
  }
}
