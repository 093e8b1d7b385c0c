// --help text of every command. Kept beside each other so they stay consistent.
export const HELP: Record<string, string> = {
  main: `azaudit — security posture scanner for Azure and Entra ID identities

Usage: azaudit <command> [flags]

Commands:
  scan            scan a tenant live (DefaultAzureCredential), or judge a --snapshot or --from-az-export
  demo            start the local emulator with the demo tenant, scan it live, write reports/
  rules           list the rule catalogue
  explain RULE    show a rule's documentation
  config init     write a commented starter azaudit.yaml
  config validate FILE   check a config file
  diff OLD NEW    compare two findings.json: new, worse, fixed, unverified and unchanged findings
  merge DIR…      join the parts of a split scan (scan --shard I/N) and write its reports
  emulator        run the local HTTPS emulator of ARM and Microsoft Graph
  bench           benchmark a live scan against the emulator: requests, wall time, peak RSS, ratio to the lower bound

Flags: --help on any command, --version.
Exit codes: 0 pass, 1 open findings at or above --fail-on, 2 usage/config/input error,
3 scan incomplete (a section could not be collected; reports still written).`,

  scan: `Usage: azaudit scan [flags]

Scans the tenant the signed-in identity can see (DefaultAzureCredential: environment,
workload identity, managed identity, az login…), or judges a saved inventory or a client's
\`az\` export offline.

  --config FILE              config (default ./azaudit.yaml if present, else built-in defaults)
  --tenant ID                tenant to scan
  --subscription ID          only this subscription (repeatable)
  --exclude-subscription ID  skip this subscription (repeatable)
  --include-other-tenants    also scan subscriptions whose home tenant is another one (Azure
                             Lighthouse); by default they are left out and named in the coverage
  --snapshot FILE            judge a saved inventory; no network
  --from-az-export DIR       judge the JSON a client's \`az\` printed (scripts/az-export.sh or .ps1);
                             no network, no access to the tenant needed
  --save-snapshot FILE       also write the collected inventory
  --out DIR                  report folder (default ./reports)
  --format LIST              sarif,json,md,html,csv (default sarif,json,md)
  --fail-on LEVEL            critical|high|medium|low|none (default high)
  --baseline FILE            a previous findings.json: only new findings count toward --fail-on
  --split-sarif-by-tag NAME  one SARIF per value of tag NAME (e.g. repository) for the findings on
                             resources tagged with it, azaudit.by-tag.<value>.<hash>.sarif, listed
                             in azaudit.by-tag.json; untagged findings stay in azaudit.sarif
  --cloud NAME               AzureCloud (default) | AzureUSGovernment | AzureUSGovernmentDoD |
                             AzureChinaCloud
  --concurrency N            requests in flight at once to ARM, and to Graph, across subscriptions and
                             collections (default 8 each)
  --request-timeout DURATION one request, first byte to last, before it is retried (default 60s)
  --deadline DURATION        the whole collection: past it, what is still unread becomes a named
                             gap and the reports are written (exit 3); e.g. 45m (default none)
  --quiet                    only errors on stderr
  --verbose                  request-level detail on stderr (tokens are always redacted)
  --no-progress              no progress lines
  --no-color                 no ANSI colours

A scan split across machines (a tenant with thousands of subscriptions):
  --shard I/N                collect shard I of N: every shard lists all subscriptions, and collects
                             the subscription-scoped sections (role assignments, definitions and
                             eligibilities, workloads, Defender) of those a hash of the id puts in
                             shard I, so each keeps its subscriptions as others come and go. Shard 1
                             also collects the tenant-wide sections (Graph; management-group and
                             root scopes). Writes azaudit.part.json in --out, no reports; exit 0 when
                             complete, 3 when part of it could not be collected. Join with
                             \`azaudit merge\`.
  --part arm|graph           --shard I/N --part arm: the shard without the tenant-wide sections;
                             --part graph (no --shard): only the tenant-wide sections, run beside
                             N shards with --part arm. Each part resolves the principals and groups
                             its own sections name (it needs Graph read as well as ARM read).

In a GitHub Actions job with \`permissions: id-token: write\` and AZURE_CLIENT_ID and
AZURE_TENANT_ID set, it signs in with GitHub OIDC (a federated credential) and renews its tokens
for long scans. AZURE_AUTHORITY_HOST overrides the sign-in authority. Endpoints can be overridden
with AZAUDIT_ARM_ENDPOINT and AZAUDIT_GRAPH_ENDPOINT; custom CAs with NODE_EXTRA_CA_CERTS. No
secret is ever accepted on the command line.

Exit codes: 0 pass, 1 open findings at or above --fail-on, 2 usage/config/input error,
3 incomplete scan (do not upload its SARIF: it would close real alerts).`,

  demo: `Usage: azaudit demo [--out DIR] [--format LIST] [--quiet] [--no-progress]

Starts the local HTTPS emulator of ARM and Microsoft Graph with the embedded demo tenant,
runs \`azaudit scan\` against it in a child process through the real Azure SDKs, writes the
reports and stops the emulator. Exits 0 when the reports were written (the demo tenant is
meant to have findings), 2 or 3 when something went wrong.`,

  rules: `Usage: azaudit rules [--format table|json|md]

Lists every rule: id, severity, confidence, category and title.`,

  explain: `Usage: azaudit explain RULE

Shows a rule's documentation: what it checks, why it matters, how to fix it, options,
messages and compliance references. RULE is an id or a former id.`,

  config: `Usage:
  azaudit config init [--out FILE] [--force]   write a commented starter config (default ./azaudit.yaml)
  azaudit config validate FILE                 check a config against its schema and the rules' options;
                                               also rejects contradictory options (minOwners above
                                               maxOwners) and suppressions that have already expired`,

  bench: `Usage: azaudit bench [--size small|medium|large | --generate SPEC] [--latency-ms N]
                     [--rate-limit N] [--page-size N] [--concurrency N] [--runs N] [--json] [--quiet]

Benchmarks a live scan: starts the local emulator with a generated tenant, latency and
throttling, runs \`azaudit scan\` against it in a child process (only PATH, HOME and the
emulator's environment) and reports requests made (ARM, Graph, 429s), wall time, the scan
process's peak RSS, the lower bound max(sum(ceil(items/pageSize)) × latency ÷ min(rate limit,
concurrency), longest chain of dependent requests × latency) and their ratio, and the busiest routes.
A measurement, not a test: nothing fails on a slow machine. See docs/benchmark.md.

  --size NAME         a named tenant from a fixed seed: small (seconds), medium, large (a
                      tenant near the throttling limits: 50,000 apps, 200 subscriptions,
                      400,000 role assignments, 100,000 workloads, 20,000 users; latency 40 ms)
  --generate SPEC     tenant to generate, key=value,... (default
                      apps=5000,subscriptions=20,assignmentsPerSubscription=300,
                      workloadsPerSubscription=50,users=500,groups=50,seed=1);
                      keys as in \`azaudit emulator --help\`
  --latency-ms N      delay the emulator adds to every request (default 20)
  --rate-limit N      emulator's concurrent-request limit, beyond it 429 + Retry-After: 1
                      (default 16; 0 = no limit)
  --page-size N       items per page for ARM and Graph lists (default: the emulator's, ARM 100,
                      Graph the request's $top)
  --concurrency N     the collectors' bound (needs \`azaudit scan --concurrency\`; default theirs, 8)
  --runs N            scans to run against the same emulator (default 1); medians are reported
  --json              one JSON object (format azaudit-bench/v1) on stdout instead of the table;
                      it starts with the headline: ratio, peakRssMiB, wallSeconds, requests,
                      minimumRequests, throttled, emulatorCpuSeconds, scanCpuSeconds, and the
                      offline judging of the saved snapshot (judgeSeconds) next to jsonParseSeconds
  --quiet             no progress lines on stderr

Exit codes: 0 measured, 1 the scan failed (its stderr is shown), 2 usage error.`,

  merge: `Usage: azaudit merge PART… [--out DIR] [--format LIST] [--fail-on LEVEL] [--config FILE]
                     [--baseline FILE] [--save-snapshot FILE] [--split-sarif-by-tag NAME]
                     [--quiet] [--verbose] [--no-color]

Joins the parts of a split scan into one inventory and writes the reports one \`azaudit scan\`
of the whole tenant would write (same findings, fingerprints and counts). PART is a part's
--out folder or its azaudit.part.json. The parts must be of one tenant and one split: shards
1..N of one N, each once, with either shard 1 collecting the tenant-wide sections or one
--part graph beside N shards run with --part arm. The report flags are scan's.

A missing shard makes its subscriptions gaps (named in the coverage, exit 3); a missing
tenant-wide part makes the Graph sections unavailable (exit 3). The merged inventory's
collectedAt is the earliest part's: rules judge time against it.

Exit codes: 0 pass, 1 open findings at or above --fail-on, 2 a part that is unreadable, of
another tenant or split, or given twice (the file is named), 3 incomplete.`,

  diff: `Usage: azaudit diff OLD.json NEW.json [--format text|json]

Compares two findings.json files of one tenant by fingerprint: new findings, worse ones (same
fingerprint, higher severity), fixed, unverified (gone, but the rule or a section it reads was not
fully collected in one of the scans, so not a fix) and unchanged. Refuses (exit 2) two scans of
different tenants; warns on stderr when either scan is incomplete.
Exits 1 when there are new or worse open findings, 0 otherwise.`,
};
