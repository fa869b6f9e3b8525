import type { TestResult } from './entities/provider-config.entity';

/** The answer of a provider's live check (`POST /provider-configs/:id/test`). */
export interface ConnectionTestOutcome {
  result: TestResult;
  /** For people; never holds a credential (the service also blanks any that slips in). */
  message: string;
}
