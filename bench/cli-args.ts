// A tiny `--name value` / `--flag` parser for the bench scripts, which have no dependencies.

export class CliArgs {
  private readonly values = new Map<string, string | true>();

  constructor(argv: readonly string[], private readonly known: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'`);
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.map((k) => '--' + k).join(' ')})`);
      if (eq > 0) this.values.set(name, arg.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) this.values.set(name, argv[++i]);
      else this.values.set(name, true);
    }
  }

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string, fallback: string): string {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (v === true) throw new Error(`--${name} needs a value`);
    return v;
  }

  optionalString(name: string): string | undefined {
    return this.values.has(name) ? this.string(name, '') : undefined;
  }

  /** A number; accepts `1e6`, `1_000_000` and `10M`/`200k`. */
  number(name: string, fallback: number): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const m = /^([0-9._e+]+)([kKmM]?)$/.exec(raw.replace(/_/g, ''));
    const value = m ? Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1e3 : 1e6) : NaN;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'`);
    return value;
  }
}
