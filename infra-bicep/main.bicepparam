// Parameters for main.bicep. Holds no secret: the app reaches Azure and Graph with its managed identity.
// Copy this file, change the values for your board, and pass it to az deployment group create.
using 'main.bicep'

param baseName = 'scrbot'
param organiserMailbox = 'scr-panel@example.org.uk'
param graphBaseUrl = 'https://graph.microsoft.com/v1.0'
param directoryPath = '/home/site/wwwroot/board-directory.json'
param botAppType = 'UserAssignedMSI'
param botSku = 'F0'
param appServicePlanSku = 'B1'
param storageSku = 'Standard_ZRS'
param logRetentionInDays = 90
param keyVaultPurgeProtection = true
param tags = {
  application: 'ScrBot'
}
