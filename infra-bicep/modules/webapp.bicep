// The App Service plan and the Linux web app that hosts the bot (.NET 10), running as the user-assigned
// managed identity, with the settings the app reads at start-up.

@description('Name of the App Service plan.')
param planName string

@description('Name of the web app; its host name is <name>.azurewebsites.net.')
param name string

@description('Azure region.')
param location string

@description('Plan size. Always On needs Basic (B1) or above.')
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
param planSku string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('The bot\'s Microsoft App ID.')
param botAppId string

@description('When true the bot signs in with a client secret kept in Key Vault (SingleTenant); when false with the managed identity.')
param botUsesClientSecret bool

@description('Name of the Key Vault that holds the bot\'s client secret, when there is one.')
param keyVaultName string

@description('Name of the Key Vault secret that holds the bot\'s client secret.')
param botSecretName string

@description('Tables endpoint of the storage account, e.g. https://<account>.table.core.windows.net.')
param tablesEndpoint string

@description('The mailbox that organises Scoping Panel meetings.')
param organiserMailbox string

@description('Microsoft Graph base URL.')
param graphBaseUrl string

@description('Path of the board directory file in the deployed app.')
param directoryPath string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Log Analytics workspace that receives the app\'s platform logs.')
param workspaceId string

@description('Tags for every resource.')
param tags object

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var baseSettings = [
  {
    name: 'Bot__AppId'
    value: botAppId
  }
  {
    name: 'Bot__TenantId'
    value: tenant().tenantId
  }
  {
    name: 'Storage__TablesEndpoint'
    value: tablesEndpoint
  }
  {
    name: 'Azure__ManagedIdentityClientId'
    value: identityClientId
  }
  {
    name: 'Graph__OrganiserMailbox'
    value: organiserMailbox
  }
  {
    name: 'Graph__BaseUrl'
    value: graphBaseUrl
  }
  {
    name: 'Directory__Path'
    value: directoryPath
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
]

// Only a SingleTenant bot has a password, and then only as a Key Vault reference resolved by the platform.
var secretSettings = botUsesClientSecret
  ? [
      {
        name: 'Bot__AppPassword'
        value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${botSecretName})'
      }
    ]
  : []

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet ScrBot.Bot.dll'
      alwaysOn: true
      healthCheckPath: '/health'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      use32BitWorkerProcess: false
      appSettings: concat(baseSettings, secretSettings)
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource platformLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
