#!/usr/bin/env bash
# azaudit az export — run by the tenant's owner, read-only, with the Azure CLI they already use.
# It writes a folder of JSON, one file per `az` command, that an auditor judges with
# `azaudit scan --from-az-export FOLDER` without any access to the tenant.
#
#   az login --tenant <tenant id>         # an account with Reader at the tenant root group and Global Reader
#   bash az-export.sh [FOLDER]            # default ./azaudit-export; then zip FOLDER and send it
#
# Every command it runs lists or shows (az ... list / show, az rest --method get, az graph
# query): nothing is created, changed or deleted. Secrets are not exported: Graph never returns
# a secret's value, only its name, hint and dates. The file layout is azaudit's
# src/sources/az-export/layout.ts; keep both in step.
set -uo pipefail

OUT="${1:-azaudit-export}"
GRAPH="https://graph.microsoft.com/v1.0"
GRAPH_APP_ID="00000003-0000-0000-c000-000000000000"
# Exchange Online and SharePoint Online: their application permissions are judged too
RESOURCE_API_APP_IDS="00000002-0000-0ff1-ce00-000000000000 00000003-0000-0ff1-ce00-000000000000"
# the workloads azaudit judges: src/collectors/arm/workloads.ts workloadQuery() (a test keeps them equal)
WORKLOAD_QUERY="Resources | where type in~ ('microsoft.web/sites', 'microsoft.web/sites/slots', 'microsoft.app/containerapps', 'microsoft.app/jobs', 'microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets', 'microsoft.containerservice/managedclusters', 'microsoft.logic/workflows', 'microsoft.automation/automationaccounts', 'microsoft.datafactory/factories', 'microsoft.managedidentity/userassignedidentities') | project id, name, type, kind, location, subscriptionId, resourceGroup, tags, identity | order by id asc"

case "${OUT}" in -h|--help)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0 ;;
esac
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
  echo "error: $OUT already exists and is not empty: give a new folder (bash az-export.sh FOLDER)" >&2
  exit 2
fi
if ! command -v az >/dev/null 2>&1; then
  echo "error: the Azure CLI (az) is not on PATH: install it from https://aka.ms/azure-cli and run az login" >&2
  exit 2
fi

cat >&2 <<'EOF'
azaudit az export: read-only. It lists, for the tenant you are signed in to:
  - subscriptions (az account list), their tags, management groups and their hierarchy
  - Azure role definitions and role assignments at every subscription and management group
  - app registrations and service principals with their credentials' names and dates (never a
    secret's value), federated credentials and owners of each app registration
  - users' and groups' names, type (member/guest) and whether they are enabled
  - application permissions granted on Microsoft Graph, delegated permission grants, Entra
    directory role assignments
  - resources that run code or hold an identity (Resource Graph: id, type, tags, identity)
  - resource groups of each subscription (az group list: name, location, tags, managedBy)
  - Defender for Cloud plans, assessments and secure scores of each subscription
and the time, your account name and the az version, in stamp.json. Nothing is changed.
EOF

mkdir -p "$OUT" || exit 2
LOG="$OUT/az-export-errors.log"
FAILED=0

# run FILE az ARGS...: FILE only when the command succeeds (a missing file tells azaudit the list
# could not be read; an empty or partial one would not), its error kept in az-export-errors.log.
run() {
  local file="$OUT/$1"; shift
  mkdir -p "$(dirname "$file")"
  if "$@" --output json >"$file.part" 2>>"$LOG"; then
    mv "$file.part" "$file"
  else
    rm -f "$file.part"
    FAILED=$((FAILED + 1))
    echo "  could not run: $* (see $LOG)" >&2
  fi
}

# the value of a top-level string property of the JSON az printed (az indents by two spaces)
next_of() {
  sed -n "s/^  \"$2\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$1" | head -n 1
}

# rest_pages FILE URI: az rest does not follow @odata.nextLink; each page goes to FILE, FILE.2…
rest_pages() {
  local base="$1" uri="$2" n=1 file
  while [ -n "$uri" ]; do
    file="$base"; [ "$n" -gt 1 ] && file="${base%.json}.$n.json"
    run "$file" az rest --method get --uri "$uri"
    [ -f "$OUT/$file" ] || return
    uri="$(next_of "$OUT/$file" "@odata.nextLink")"
    n=$((n + 1))
  done
}

json_str() {
  if [ -z "$1" ]; then printf 'null'; else printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; fi
}

echo "signed-in account and tenant" >&2
TENANT="$(az account show --query tenantId --output tsv 2>>"$LOG")"
if [ -z "$TENANT" ]; then
  echo "error: az is not signed in (az account show failed): run az login --tenant <tenant id> first" >&2
  exit 2
fi
USER_NAME="$(az account show --query user.name --output tsv 2>>"$LOG")"
USER_TYPE="$(az account show --query user.type --output tsv 2>>"$LOG")"
CLOUD="$(az account show --query environmentName --output tsv 2>>"$LOG")"
# the signed-in identity's object id, so the audit does not report the exporter's own Reader role
# (a managed identity's cannot be looked up this way: it stays empty)
OBJECT_ID=""
if [ "$USER_TYPE" = "user" ]; then
  OBJECT_ID="$(az ad signed-in-user show --query id --output tsv 2>>"$LOG" || true)"
elif [ "$USER_TYPE" = "servicePrincipal" ] && printf '%s' "$USER_NAME" | grep -Eq '^[0-9a-fA-F-]{36}$'; then
  OBJECT_ID="$(az ad sp show --id "$USER_NAME" --query id --output tsv 2>>"$LOG" || true)"
fi
AZ_VERSION="$(az version --query '"azure-cli"' --output tsv 2>>"$LOG")"
cat >"$OUT/stamp.json" <<EOF
{
  "format": "azaudit-az-export/v1",
  "createdAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "tenantId": $(json_str "$TENANT"),
  "cloudName": $(json_str "$CLOUD"),
  "user": { "name": $(json_str "$USER_NAME"), "type": $(json_str "$USER_TYPE"), "objectId": $(json_str "$OBJECT_ID") },
  "azVersion": $(json_str "$AZ_VERSION")
}
EOF

echo "subscriptions and management groups" >&2
run account-list.json az account list --all
SUBS="$(az account list --all --query "[?tenantId=='$TENANT'].id" --output tsv 2>>"$LOG")"
run account-management-group-list.json az account management-group list
MGS="$(az account management-group list --query "[].name" --output tsv 2>>"$LOG")"

for MG in $MGS; do
  SCOPE="/providers/Microsoft.Management/managementGroups/$MG"
  echo "management group $MG" >&2
  run "account-management-group-show/$MG.json" az account management-group show --name "$MG" --expand
  run "role-definition-list/managementGroups/$MG.json" az role definition list --custom-role-only false --scope "$SCOPE"
  run "role-assignment-list/managementGroups/$MG.json" az role assignment list --scope "$SCOPE" --include-inherited
done

# Assessment lists carry no severity: it is in the tenant's assessment metadata
[ -n "$SUBS" ] && run "security-assessment-metadata-list.json" az security assessment-metadata list --subscription "$(printf '%s\n' $SUBS | head -n 1)"

for SUB in $SUBS; do
  echo "subscription $SUB" >&2
  run "tag-list/$SUB.json" az tag list --resource-id "/subscriptions/$SUB"
  run "group-list/$SUB.json" az group list --subscription "$SUB"
  run "role-definition-list/subscriptions/$SUB.json" az role definition list --custom-role-only false --scope "/subscriptions/$SUB"
  run "role-assignment-list/subscriptions/$SUB.json" az role assignment list --all --include-inherited --subscription "$SUB"
  run "security-pricing-list/$SUB.json" az security pricing list --subscription "$SUB"
  run "security-assessment-list/$SUB.json" az security assessment list --subscription "$SUB"
  run "security-secure-scores-list/$SUB.json" az security secure-scores list --subscription "$SUB"
done

echo "workloads (Resource Graph)" >&2
n=1; TOKEN=""
while :; do
  file="graph-query.json"; [ "$n" -gt 1 ] && file="graph-query.$n.json"
  if [ -z "$TOKEN" ]; then run "$file" az graph query -q "$WORKLOAD_QUERY" --first 1000
  else run "$file" az graph query -q "$WORKLOAD_QUERY" --first 1000 --skip-token "$TOKEN"; fi
  [ -f "$OUT/$file" ] || break
  TOKEN="$(next_of "$OUT/$file" "skip_token")"
  [ -n "$TOKEN" ] || break
  n=$((n + 1))
done

echo "directory: organization, users, groups" >&2
rest_pages rest/organization.json "$GRAPH/organization"
rest_pages rest/users.json "$GRAPH/users?\$select=id,displayName,userPrincipalName,userType,accountEnabled&\$top=999"
rest_pages rest/groups.json "$GRAPH/groups?\$select=id,displayName&\$top=999"

echo "app registrations (two reads per app: federated credentials and owners)" >&2
run ad-app-list.json az ad app list --all
APPS="$(az ad app list --all --query "[].id" --output tsv 2>>"$LOG")"
for APP in $APPS; do
  run "ad-app-federated-credential-list/$APP.json" az ad app federated-credential list --id "$APP"
  run "ad-app-owner-list/$APP.json" az ad app owner list --id "$APP"
done

echo "service principals and permission grants" >&2
run ad-sp-list.json az ad sp list --all
GRAPH_SP="$(az ad sp list --filter "appId eq '$GRAPH_APP_ID'" --query "[0].id" --output tsv 2>>"$LOG")"
if [ -n "$GRAPH_SP" ]; then
  rest_pages rest/graph-app-role-assigned-to.json "$GRAPH/servicePrincipals/$GRAPH_SP/appRoleAssignedTo?\$top=999"
fi
for API in $RESOURCE_API_APP_IDS; do
  API_SP="$(az ad sp list --filter "appId eq '$API'" --query "[0].id" --output tsv 2>>"$LOG")"
  if [ -n "$API_SP" ]; then
    rest_pages "rest/app-role-assigned-to/$API.json" "$GRAPH/servicePrincipals/$API_SP/appRoleAssignedTo?\$top=999"
  fi
done
rest_pages rest/oauth2-permission-grants.json "$GRAPH/oauth2PermissionGrants?\$top=999"
rest_pages rest/directory-role-assignments.json "$GRAPH/roleManagement/directory/roleAssignments"
rest_pages rest/directory-role-definitions.json "$GRAPH/roleManagement/directory/roleDefinitions?\$select=id,templateId,displayName"

[ -s "$LOG" ] || rm -f "$LOG"
if [ "$FAILED" -gt 0 ]; then
  echo "done, with $FAILED command(s) that failed (see $LOG): the audit will report what they would have read as unavailable." >&2
  echo "Send $OUT (zipped), az-export-errors.log included." >&2
  exit 3
fi
echo "done: send $OUT (zipped) to your auditor." >&2
