import { Injectable } from '@nestjs/common';

/** Where commands write, behind one seam so tests can read it. */
@Injectable()
export class Terminal {
  /** The result of a command, on stdout so it can be piped (`db:plan --json | jq`). */
  print(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Context such as which database is used, on stderr, out of the way of the result. */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }
}
