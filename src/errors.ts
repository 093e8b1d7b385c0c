/**
 * Bad input from a user: a config, snapshot, fixture or flag. The CLI prints it and exits 2.
 * It names the file, the path inside it and what was expected, so the user can fix it.
 */
export class InputError extends Error {
  readonly file: string | null;
  readonly path: string | null;
  readonly expected: string | null;
  readonly hint: string | null;

  constructor(args: {
    file?: string | null;
    path?: string | null;
    expected?: string | null;
    message: string;
    hint?: string | null;
  }) {
    super(args.message);
    this.name = "InputError";
    this.file = args.file ?? null;
    this.path = args.path ?? null;
    this.expected = args.expected ?? null;
    this.hint = args.hint ?? null;
  }

  /** One line per fact, ready for stderr. */
  render(): string {
    const where = [this.file, this.path].filter((x): x is string => Boolean(x)).join(": ");
    const lines = [`error: ${where ? `${where}: ` : ""}${this.message}`];
    if (this.expected) lines.push(`  expected: ${this.expected}`);
    if (this.hint) lines.push(`  fix: ${this.hint}`);
    return lines.join("\n");
  }
}

/** A usage error on the command line (unknown flag, missing value). Also exit 2. */
export class UsageError extends InputError {
  constructor(message: string, hint?: string) {
    super({ message, hint: hint ?? "run with --help to see the accepted flags" });
    this.name = "UsageError";
  }
}
