// The walk of every ARM scope an authorization list is read at: each subscription (whose list
// returns what applies there: at, above and below it), each management group with atScope() (so
// groups without subscriptions are covered) and the root "/" with atScope(). Items are deduped by
// lowercased id: one inherited from a management group appears in every subscription's list.
import { mapSettled } from "../limit.ts";
import { isProgrammingError, type CollectContext } from "../section.ts";
import { MG_PROVIDER, subscriptionScope } from "../../arm/resource-id.ts";
import { sdkScope } from "./scopes.ts";

/** Only what is assigned at the scope itself, not what is inherited or below it. */
const AT_SCOPE = "atScope()";

/** How one kind of item is listed, per scope level. */
export interface ScopeLists<R> {
  /** the SDK call listing what applies at a subscription */
  atSubscription(subscriptionId: string): AsyncIterable<R>;
  /** the SDK call listing a scope, given the scope as the SDK wants it and the atScope() filter */
  atManagementGroup(sdkScope: string, options: { filter: string }): AsyncIterable<R>;
  /** the list at "/" (no SDK call reaches it): its provider path and api-version */
  root: { path: string; apiVersion: string };
}

export interface ScopeFailure {
  scope: string;
  error: unknown;
}

export interface ScopeWalk<T> {
  items: T[];
  /** scopes whose list failed, subscriptions first, then management groups, then "/" */
  failures: ScopeFailure[];
  /** how many scopes the section counts as read or tried */
  attempted: number;
}

/** Throws a programming error from any scope; every other failure is the caller's to judge. */
export async function walkArmScopes<R, T extends { id: string }>(
  ctx: CollectContext,
  subscriptionIds: readonly string[],
  mgNames: readonly string[],
  lists: ScopeLists<R>,
  convert: (raw: R) => T | undefined,
  /** false in a shard of a split scan that leaves the tenant's root scope to another part */
  withRoot = true,
): Promise<ScopeWalk<T>> {
  const byId = new Map<string, T>();
  const add = (raw: R) => {
    const item = convert(raw);
    if (item && !byId.has(item.id.toLowerCase())) byId.set(item.id.toLowerCase(), item);
  };
  const subs = await mapSettled(ctx.limit, subscriptionIds, async (sub) => {
    for await (const raw of lists.atSubscription(sub)) add(raw);
  });
  const mgScopes = mgNames.map((n) => `${MG_PROVIDER}${n}`);
  const mgs = await mapSettled(ctx.limit, mgScopes, async (scope) => {
    for await (const raw of lists.atManagementGroup(sdkScope(scope), { filter: AT_SCOPE })) add(raw);
  });
  const root = await mapSettled(ctx.limit, withRoot ? ["/"] : [], async () => {
    for await (const page of ctx.clients.armPages<R>(lists.root.path, lists.root.apiVersion, { $filter: AT_SCOPE }))
      page.forEach(add);
  });

  const failures: ScopeFailure[] = [];
  const fail = (scope: string, error: unknown) => {
    if (isProgrammingError(error)) throw error;
    failures.push({ scope, error });
  };
  for (const r of subs) if (!r.ok) fail(subscriptionScope(r.item), r.error);
  for (const r of mgs) if (!r.ok) fail(r.item, r.error);
  // Root needs elevated access. An atScope() list at any management group already returns what
  // is at "/" (inherited), so a denied root list loses nothing once a group was read.
  const anyMgRead = mgs.some((r) => r.ok);
  for (const r of root) if (!r.ok && !(anyMgRead && !isProgrammingError(r.error))) fail("/", r.error);
  const attempted = subscriptionIds.length + mgScopes.length + (anyMgRead || !withRoot ? 0 : 1);
  return { items: [...byId.values()], failures, attempted };
}
