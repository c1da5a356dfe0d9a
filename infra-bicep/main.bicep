// ScrBot in one resource group: a managed identity, Azure Tables, a Linux web app for .NET 10, the Azure Bot
// with its Teams channel, Key Vault, Log Analytics and Application Insights.
//   az deployment group create -g <group> -f infra-bicep/main.bicep -p infra-bicep/main.bicepparam
// See docs/deploy.md for the whole procedure.

targetScope = 'resourceGroup'

@description('Short name that starts every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(12)
param baseName string = 'scrbot'

@description('Azure region for everything but the bot registration, which is global.')
param location string = resourceGroup().location

@description('The mailbox that organises Scoping Panel meetings (Graph__OrganiserMailbox), e.g. scr-panel@example.org.uk.')
param organiserMailbox string

@description('Microsoft Graph base URL (Graph__BaseUrl).')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('Path of the board directory file in the deployed app (Directory__Path).')
param directoryPath string = '/home/site/wwwroot/board-directory.json'

@description('How the bot signs in: UserAssignedMSI (no secret anywhere) or SingleTenant (an app registration whose client secret you put in Key Vault yourself).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('Application (client) id of the single-tenant app registration; only used when botAppType is SingleTenant.')
param singleTenantAppId string = ''

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan size (Basic or above, for Always On).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Replication of the storage account that holds the tables.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days to keep logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('Key Vault purge protection (once on, it cannot be turned off).')
param keyVaultPurgeProtection bool = true

@description('Tags for every resource.')
param tags object = {
  application: 'ScrBot'
}

var suffix = uniqueString(resourceGroup().id, baseName)
var cleanBase = toLower(baseName)
var names = {
  identity: 'id-${cleanBase}-${suffix}'
  workspace: 'log-${cleanBase}-${suffix}'
  appInsights: 'appi-${cleanBase}-${suffix}'
  storage: take('st${cleanBase}${suffix}', 24)
  keyVault: take('kv-${cleanBase}-${suffix}', 24)
  plan: 'asp-${cleanBase}-${suffix}'
  webApp: 'app-${cleanBase}-${suffix}'
  bot: 'bot-${cleanBase}-${suffix}'
}
var botSecretName = 'bot-app-password'
var usesManagedIdentity = botAppType == 'UserAssignedMSI'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    skuName: storageSku
    dataIdentityName: names.identity
    tags: tags
  }
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    readerIdentityName: names.identity
    workspaceId: monitoring.outputs.workspaceId
    purgeProtection: keyVaultPurgeProtection
    tags: tags
  }
  dependsOn: [
    identity
  ]
}

var botAppId = usesManagedIdentity ? identity.outputs.clientId : singleTenantAppId

module webApp 'modules/webapp.bicep' = {
  name: 'webapp'
  params: {
    planName: names.plan
    name: names.webApp
    location: location
    planSku: appServicePlanSku
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    botAppId: botAppId
    botUsesClientSecret: !usesManagedIdentity
    keyVaultName: keyVault.outputs.name
    botSecretName: botSecretName
    tablesEndpoint: storage.outputs.tablesEndpoint
    organiserMailbox: organiserMailbox
    graphBaseUrl: graphBaseUrl
    directoryPath: directoryPath
    appInsightsName: names.appInsights
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: 'ScrBot'
    endpoint: 'https://${webApp.outputs.hostName}/api/messages'
    appType: botAppType
    appId: botAppId
    identityId: identity.outputs.id
    sku: botSku
    tags: tags
  }
}

@description('The bot\'s messaging endpoint, https://<app>/api/messages.')
output messagingEndpoint string = bot.outputs.endpoint

@description('The bot\'s Microsoft App ID: pass it to scripts/build-app-package.sh --app-id.')
output appId string = botAppId

@description('The web app\'s host name: pass it to scripts/build-app-package.sh --domain.')
output webAppHostName string = webApp.outputs.hostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = webApp.outputs.name

@description('Principal (object) id of the managed identity: it receives the Graph application permission.')
output managedIdentityPrincipalId string = identity.outputs.principalId

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the Key Vault secret to set when botAppType is SingleTenant.')
output botSecretName string = botSecretName

@description('Name of the storage account that holds the tables.')
output storageAccountName string = storage.outputs.name
