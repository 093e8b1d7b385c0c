<#
.SYNOPSIS
  azaudit az export: run by the tenant's owner, read-only, with the Azure CLI they already use.

.DESCRIPTION
  Writes a folder of JSON, one file per `az` command, that an auditor judges with
  `azaudit scan --from-az-export FOLDER` without any access to the tenant. The same commands and
  files as az-export.sh (layout: azaudit's src/sources/az-export/layout.ts; keep all three in step).

    az login --tenant <tenant id>      # an account with Reader at the tenant root group and Global Reader
    ./az-export.ps1 [-Out FOLDER]      # default .\azaudit-export; then zip FOLDER and send it

  Every command lists or shows (az ... list / show, az rest --method get, az graph query):
  nothing is created, changed or deleted. Graph never returns a secret's value, only its name,
  hint and dates.
#>
param([string]$Out = "azaudit-export")

$ErrorActionPreference = "Continue"
$Graph = "https://graph.microsoft.com/v1.0"
$GraphAppId = "00000003-0000-0000-c000-000000000000"
# the workloads azaudit judges: src/collectors/arm/workloads.ts workloadQuery() (a test keeps them equal)
$WorkloadQuery = "Resources | where type in~ ('microsoft.web/sites', 'microsoft.web/sites/slots', 'microsoft.app/containerapps', 'microsoft.app/jobs', 'microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets', 'microsoft.containerservice/managedclusters', 'microsoft.logic/workflows', 'microsoft.automation/automationaccounts', 'microsoft.datafactory/factories', 'microsoft.managedidentity/userassignedidentities') | project id, name, type, kind, location, subscriptionId, resourceGroup, tags, identity | order by id asc"

if ((Test-Path $Out) -and (Get-ChildItem -Force $Out | Select-Object -First 1)) {
  Write-Error "$Out already exists and is not empty: give a new folder (./az-export.ps1 -Out FOLDER)"; exit 2
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Write-Error "the Azure CLI (az) is not on PATH: install it from https://aka.ms/azure-cli and run az login"; exit 2
}

[Console]::Error.WriteLine(@"
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
"@)

New-Item -ItemType Directory -Force -Path $Out | Out-Null
$Log = Join-Path $Out "az-export-errors.log"
$script:Failed = 0
$Utf8 = New-Object System.Text.UTF8Encoding($false)   # no BOM

# Run FILE {az ...}: FILE only when the command succeeds (a missing file tells azaudit the list
# could not be read; an empty or partial one would not), its error kept in az-export-errors.log.
function Run([string]$File, [string[]]$AzArgs) {
  $path = Join-Path $Out $File
  New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
  $text = & az @AzArgs --output json 2>> $Log
  if ($LASTEXITCODE -eq 0) {
    [System.IO.File]::WriteAllText($path, (($text -join "`n") + "`n"), $Utf8)
    return $true
  }
  $script:Failed++
  [Console]::Error.WriteLine("  could not run: az $($AzArgs -join ' ') (see $Log)")
  return $false
}

function Tsv([string[]]$AzArgs) {
  $r = & az @AzArgs --output tsv 2>> $Log
  if ($LASTEXITCODE -ne 0) { return @() }
  return @($r | Where-Object { $_ })
}

# az rest does not follow @odata.nextLink: each page goes to FILE, FILE.2.json, ...
function RestPages([string]$File, [string]$Uri) {
  $n = 1
  while ($Uri) {
    $f = if ($n -gt 1) { $File -replace '\.json$', ".$n.json" } else { $File }
    if (-not (Run $f @("rest", "--method", "get", "--uri", $Uri))) { return }
    $Uri = (Get-Content -Raw (Join-Path $Out $f) | ConvertFrom-Json).'@odata.nextLink'
    $n++
  }
}

[Console]::Error.WriteLine("signed-in account and tenant")
$Tenant = (Tsv @("account", "show", "--query", "tenantId")) | Select-Object -First 1
if (-not $Tenant) { Write-Error "az is not signed in (az account show failed): run az login --tenant <tenant id> first"; exit 2 }
$UserName = (Tsv @("account", "show", "--query", "user.name")) | Select-Object -First 1
$UserType = (Tsv @("account", "show", "--query", "user.type")) | Select-Object -First 1
$Cloud = (Tsv @("account", "show", "--query", "environmentName")) | Select-Object -First 1
# the signed-in identity's object id, so the audit does not report the exporter's own Reader role
# (a managed identity's cannot be looked up this way: it stays empty)
$ObjectId = $null
if ($UserType -eq "user") { $ObjectId = (Tsv @("ad", "signed-in-user", "show", "--query", "id")) | Select-Object -First 1 }
elseif ($UserType -eq "servicePrincipal" -and $UserName -match '^[0-9a-fA-F-]{36}$') { $ObjectId = (Tsv @("ad", "sp", "show", "--id", $UserName, "--query", "id")) | Select-Object -First 1 }
$AzVersion = (& az version --output json 2>> $Log | Out-String | ConvertFrom-Json).'azure-cli'
$Stamp = [ordered]@{
  format = "azaudit-az-export/v1"
  createdAt = (Get-Date).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ")
  tenantId = $Tenant
  cloudName = $Cloud
  user = [ordered]@{ name = $UserName; type = $UserType; objectId = $ObjectId }
  azVersion = $AzVersion
}
[System.IO.File]::WriteAllText((Join-Path $Out "stamp.json"), ($Stamp | ConvertTo-Json -Depth 3) + "`n", $Utf8)

[Console]::Error.WriteLine("subscriptions and management groups")
Run "account-list.json" @("account", "list", "--all") | Out-Null
$Subs = Tsv @("account", "list", "--all", "--query", "[?tenantId=='$Tenant'].id")
Run "account-management-group-list.json" @("account", "management-group", "list") | Out-Null
$Mgs = Tsv @("account", "management-group", "list", "--query", "[].name")

foreach ($Mg in $Mgs) {
  $Scope = "/providers/Microsoft.Management/managementGroups/$Mg"
  [Console]::Error.WriteLine("management group $Mg")
  Run "account-management-group-show/$Mg.json" @("account", "management-group", "show", "--name", $Mg, "--expand") | Out-Null
  Run "role-definition-list/managementGroups/$Mg.json" @("role", "definition", "list", "--custom-role-only", "false", "--scope", $Scope) | Out-Null
  Run "role-assignment-list/managementGroups/$Mg.json" @("role", "assignment", "list", "--scope", $Scope, "--include-inherited") | Out-Null
}

# Assessment lists carry no severity: it is in the tenant's assessment metadata
if (@($Subs).Count -gt 0) {
  Run "security-assessment-metadata-list.json" @("security", "assessment-metadata", "list", "--subscription", @($Subs)[0]) | Out-Null
}

foreach ($Sub in $Subs) {
  [Console]::Error.WriteLine("subscription $Sub")
  Run "tag-list/$Sub.json" @("tag", "list", "--resource-id", "/subscriptions/$Sub") | Out-Null
  Run "group-list/$Sub.json" @("group", "list", "--subscription", $Sub) | Out-Null
  Run "role-definition-list/subscriptions/$Sub.json" @("role", "definition", "list", "--custom-role-only", "false", "--scope", "/subscriptions/$Sub") | Out-Null
  Run "role-assignment-list/subscriptions/$Sub.json" @("role", "assignment", "list", "--all", "--include-inherited", "--subscription", $Sub) | Out-Null
  Run "security-pricing-list/$Sub.json" @("security", "pricing", "list", "--subscription", $Sub) | Out-Null
  Run "security-assessment-list/$Sub.json" @("security", "assessment", "list", "--subscription", $Sub) | Out-Null
  Run "security-secure-scores-list/$Sub.json" @("security", "secure-scores", "list", "--subscription", $Sub) | Out-Null
}

[Console]::Error.WriteLine("workloads (Resource Graph)")
$n = 1; $Token = $null
while ($true) {
  $f = if ($n -gt 1) { "graph-query.$n.json" } else { "graph-query.json" }
  $q = @("graph", "query", "-q", $WorkloadQuery, "--first", "1000")
  if ($Token) { $q += @("--skip-token", $Token) }
  if (-not (Run $f $q)) { break }
  $page = Get-Content -Raw (Join-Path $Out $f) | ConvertFrom-Json
  $Token = if ($page -is [array]) { $null } else { $page.skip_token }
  if (-not $Token) { break }
  $n++
}

[Console]::Error.WriteLine("directory: organization, users, groups")
RestPages "rest/organization.json" "$Graph/organization"
RestPages "rest/users.json" "$Graph/users?`$select=id,displayName,userPrincipalName,userType,accountEnabled&`$top=999"
RestPages "rest/groups.json" "$Graph/groups?`$select=id,displayName&`$top=999"

[Console]::Error.WriteLine("app registrations (two reads per app: federated credentials and owners)")
Run "ad-app-list.json" @("ad", "app", "list", "--all") | Out-Null
foreach ($App in (Tsv @("ad", "app", "list", "--all", "--query", "[].id"))) {
  Run "ad-app-federated-credential-list/$App.json" @("ad", "app", "federated-credential", "list", "--id", $App) | Out-Null
  Run "ad-app-owner-list/$App.json" @("ad", "app", "owner", "list", "--id", $App) | Out-Null
}

[Console]::Error.WriteLine("service principals and permission grants")
Run "ad-sp-list.json" @("ad", "sp", "list", "--all") | Out-Null
$GraphSp = (Tsv @("ad", "sp", "list", "--filter", "appId eq '$GraphAppId'", "--query", "[0].id")) | Select-Object -First 1
if ($GraphSp) { RestPages "rest/graph-app-role-assigned-to.json" "$Graph/servicePrincipals/$GraphSp/appRoleAssignedTo?`$top=999" }
# Exchange Online and SharePoint Online: their application permissions are judged too
foreach ($Api in @("00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000")) {
  $ApiSp = (Tsv @("ad", "sp", "list", "--filter", "appId eq '$Api'", "--query", "[0].id")) | Select-Object -First 1
  if ($ApiSp) { RestPages "rest/app-role-assigned-to/$Api.json" "$Graph/servicePrincipals/$ApiSp/appRoleAssignedTo?`$top=999" }
}
RestPages "rest/oauth2-permission-grants.json" "$Graph/oauth2PermissionGrants?`$top=999"
RestPages "rest/directory-role-assignments.json" "$Graph/roleManagement/directory/roleAssignments"
RestPages "rest/directory-role-definitions.json" "$Graph/roleManagement/directory/roleDefinitions?`$select=id,templateId,displayName"

if ((Test-Path $Log) -and ((Get-Item $Log).Length -eq 0)) { Remove-Item $Log }
if ($script:Failed -gt 0) {
  [Console]::Error.WriteLine("done, with $($script:Failed) command(s) that failed (see $Log): the audit will report what they would have read as unavailable.")
  [Console]::Error.WriteLine("Send $Out (zipped), az-export-errors.log included.")
  exit 3
}
[Console]::Error.WriteLine("done: send $Out (zipped) to your auditor.")
