// The Azure Bot registration and its Microsoft Teams channel.

@description('Name of the bot resource (globally unique).')
param name string

@description('Display name of the bot in the Azure portal.')
param displayName string

@description('Messaging endpoint, https://<app>/api/messages.')
param endpoint string

@description('How the bot proves who it is: with the managed identity, or with a single-tenant app registration.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string

@description('The bot\'s Microsoft App ID: the identity\'s client id, or the app registration\'s application id.')
param appId string

@description('Resource id of the user-assigned managed identity (used when appType is UserAssignedMSI).')
param identityId string

@description('Pricing tier; F0 is free and covers Teams, a standard channel.')
@allowed([
  'F0'
  'S1'
])
param sku string

@description('Tags for every resource.')
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
output endpoint string = bot.properties.endpoint
