/**
 * A failure the user can act on (a foreign-key cycle, an unreachable database): the CLI prints its
 * message alone, since a stack trace would only bury it. Anything else is a bug and shows its stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
