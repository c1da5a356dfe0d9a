// The user-assigned managed identity the web app runs as: it reaches Tables, Key Vault and Microsoft Graph,
// and (for a UserAssignedMSI bot) it is the bot's Microsoft App ID.

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
