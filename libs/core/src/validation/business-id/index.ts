import { AU_ABN, AU_ACN } from './australia';
import { BusinessIdRegistry } from './business-id.registry';

export * from './business-id.registry';
export { AU_ABN, AU_ACN, isValidAbn, isValidAcn } from './australia';

/** The rules shipped with Cornerstone; register more on this instance (or build your own registry). */
export const businessIds = new BusinessIdRegistry([AU_ABN, AU_ACN]);
