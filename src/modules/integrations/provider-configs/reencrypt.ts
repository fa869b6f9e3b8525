import type { EntityManager } from 'typeorm';
import { type SecretBox, SecretBoxError } from '@libs/security';
import { openCredentials, openInboundSecret, sealCredentials, sealInboundSecret } from './sealed-secrets';

/** A sealed value could not be opened: its key is not configured, or the value was altered. */
export class ReencryptError extends Error {
  override readonly name = 'ReencryptError';
}

interface SealedRow {
  id: string;
  credentials_ciphertext: string;
  inbound_secret_ciphertext: string;
}

const BATCH_SIZE = 100;

/**
 * Key rotation for provider configurations (SPEC §11.7): re-seals the credentials and inbound secret
 * of every row (deleted ones included) sealed with a key other than the box's current one, and
 * returns how many rows changed. Batches of 100, each its own transaction, so a large table never
 * holds one long transaction and a run stopped midway resumes where it was. Idempotent: a second run
 * finds nothing to do. Runs across all companies (an operator's command, not a request).
 *
 * Run it once every instance seals with the new key (instances still on the old configuration would
 * seal new writes with the old key again; a later run catches those).
 */
export async function reencryptProviderConfigs(manager: EntityManager, box: SecretBox): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await manager.transaction(async (tx) => {
      const rows = await tx.query<SealedRow[]>(
        `SELECT id, credentials_ciphertext, inbound_secret_ciphertext FROM platform.provider_configs
          WHERE encryption_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE`,
        [box.currentKeyId, BATCH_SIZE],
      );
      for (const row of rows) {
        const { credentials, inboundSecret } = open(box, row);
        // updated_by NULL: the audit trigger (no request context here) then records the system as actor.
        await tx.query(
          `UPDATE platform.provider_configs
              SET credentials_ciphertext = $2, inbound_secret_ciphertext = $3, encryption_key_id = $4,
                  updated_by = NULL
            WHERE id = $1`,
          [
            row.id,
            sealCredentials(box, row.id, credentials),
            sealInboundSecret(box, row.id, inboundSecret),
            box.currentKeyId,
          ],
        );
      }
      return rows.length;
    });
    total += count;
    if (count < BATCH_SIZE) return total;
  }
}

function open(box: SecretBox, row: SealedRow) {
  try {
    return {
      credentials: openCredentials(box, row.id, row.credentials_ciphertext),
      inboundSecret: openInboundSecret(box, row.id, row.inbound_secret_ciphertext),
    };
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new ReencryptError(
      `Provider configuration ${row.id} cannot be opened (sealed with key "${keyIdOf(box, row)}"): ` +
        'configure that key in ENCRYPTION_PREVIOUS_KEYS and run the command again',
      { cause: error },
    );
  }
}

function keyIdOf(box: SecretBox, row: SealedRow): string {
  try {
    return box.keyIdOf(row.credentials_ciphertext);
  } catch {
    return 'unreadable';
  }
}
