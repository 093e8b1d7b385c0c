// Suppression globs over resource ids. They come from a config file, so a pattern must never cost
// more than its length times the id's: the pattern is run as a small automaton over the id one
// character at a time (as RE2 runs regular expressions), never by backtracking, so ten or a
// hundred stars cost no more than one.

/** `*` matches within one path segment, `**` across segments, `?` one character of a segment; case-insensitive like ARM ids. */
export interface Glob {
  readonly source: string;
  test(text: string): boolean;
  /** automaton states visited by the last test(): at most (pattern tokens + 1) × (id length + 1) */
  readonly steps: number;
}

type Token = { kind: "char"; c: string } | { kind: "one" } | { kind: "segment" } | { kind: "any" };

/** Longest pattern accepted: ARM ids are at most a few hundred characters. */
export const MAX_GLOB_LENGTH = 1024;

/** Why `glob` cannot be used as a suppression pattern, or null when it can. */
export function globProblem(glob: string): string | null {
  if (glob.length === 0) return "is empty";
  if (glob.length > MAX_GLOB_LENGTH)
    return `is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted`;
  // eslint-disable-next-line no-control-regex -- finding control characters is this check's purpose
  if (/[\u0000-\u001f\u007f]/.test(glob)) return "contains a control character";
  if (/\*\*\*/.test(glob))
    return "has three or more `*` in a row; use `*` (within a segment) or `**` (across segments)";
  return null;
}

export function compileGlob(glob: string): Glob {
  const tokens = tokenize(glob.toLowerCase());
  const n = tokens.length;
  // add state i and every state reachable from it without reading a character (wildcards match empty)
  const addState = (set: Uint8Array, i: number) => {
    while (i <= n && !set[i]) {
      set[i] = 1;
      const t = tokens[i];
      if (t && (t.kind === "segment" || t.kind === "any")) i++;
      else break;
    }
  };
  let steps = 0;
  return {
    source: glob,
    get steps() {
      return steps;
    },
    test(text: string): boolean {
      steps = 0;
      let current = new Uint8Array(n + 1);
      let next = new Uint8Array(n + 1);
      addState(current, 0);
      for (const ch of text.toLowerCase()) {
        next.fill(0);
        let alive = false;
        for (let i = 0; i < n; i++) {
          const t = tokens[i];
          if (!t || !current[i]) continue;
          steps++;
          if (t.kind === "char" ? t.c === ch : t.kind === "one" ? ch !== "/" : false) {
            addState(next, i + 1);
            alive = true;
          } else if ((t.kind === "segment" && ch !== "/") || t.kind === "any") {
            addState(next, i);
            alive = true;
          }
        }
        if (!alive) return false;
        [current, next] = [next, current];
      }
      return current[n] === 1;
    },
  };
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === "*") {
      if (glob[i + 1] === "*") {
        tokens.push({ kind: "any" });
        i++;
      } else tokens.push({ kind: "segment" });
    } else if (c === "?") tokens.push({ kind: "one" });
    else tokens.push({ kind: "char", c });
  }
  return tokens;
}
