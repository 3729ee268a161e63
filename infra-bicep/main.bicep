// Payments.Functions on Azure: a Flex Consumption (FC1) function app running .NET 10 isolated, with
// identity-only access to Storage, Key Vault and Application Insights. No shared keys, no secrets in
// the template: the operator writes one Key Vault secret per Oceanpayment terminal after deployment.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('azd environment name; tags every resource and seeds the unique resource names.')
param environmentName string

@description('Azure region for every resource. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@minLength(6)
@maxLength(6)
@description('Oceanpayment merchant account number (6 digits).')
param oceanpaymentAccount string

@description('Oceanpayment payment gateway base URL. Sandbox: https://test-secure.oceanpayment.com')
param oceanpaymentPaymentBaseUrl string = 'https://secure.oceanpayment.com'

@description('Oceanpayment Order-Management query API base URL (answers registered server IPs only).')
param oceanpaymentQueryBaseUrl string = 'https://query.oceanpayment.com'

@description('An Oceanpayment terminal, the Key Vault secret that holds its secure code, and the payments it takes.')
@sealed()
type oceanpaymentTerminal = {
  @minLength(8)
  @maxLength(12)
  @description('Terminal number (8-12 digits).')
  terminal: string

  @minLength(1)
  @maxLength(127)
  @description('Name (not value) of the Key Vault secret with this terminal\'s secure code, for example oceanpayment-310422-31042201.')
  secretName: string

  @minLength(6)
  @maxLength(6)
  @description('The Oceanpayment account (6 digits) the terminal belongs to. Absent: oceanpaymentAccount.')
  account: string?

  @description('Comma-separated API method names the terminal takes: card, apple_pay, google_pay, wechat_pay_web, wechat_pay_mini_program, wechat_pay_app, alipay_web, alipay_mini_program, alipay_app, fps. Empty: no new payments (payments already taken on it still verify and refund).')
  methods: string

  @description('Comma-separated ISO 4217 codes the terminal takes. Absent or empty: any currency.')
  currencies: string?

  @description('Smallest amount the terminal takes (inclusive), a decimal in the payment\'s currency, for example 100.00.')
  minAmount: string?

  @description('Amount from which the terminal no longer takes a payment (exclusive), a decimal in the payment\'s currency.')
  maxAmount: string?

  @description('Comma-separated ISO 3166 alpha-2 billing countries the terminal takes. Absent or empty: any country.')
  countries: string?
}

@minLength(1)
@description('Oceanpayment terminals, in routing order: a payment goes to the first that takes its method and matches its currency, amount and billing country. The template never creates the secrets; set each with az keyvault secret set.')
param oceanpaymentTerminals oceanpaymentTerminal[]

@description('Overrides of the gateway\'s methods string, by API method name, for example { alipay_app: \'Alipay_APP\' }. Only what Oceanpayment agreed differently.')
@sealed()
type methodStringOverrides = {
  card: string?
  apple_pay: string?
  google_pay: string?
  wechat_pay_web: string?
  wechat_pay_mini_program: string?
  wechat_pay_app: string?
  alipay_web: string?
  alipay_mini_program: string?
  alipay_app: string?
  fps: string?
}

@description('Overrides of the gateway\'s methods string per API method name. Empty: the app\'s defaults.')
param oceanpaymentMethodStrings methodStringOverrides = {}

@minLength(1)
@description('Origins (scheme://host[:port]) a payment may send the shopper back to after checkout. The app refuses to start without one.')
param allowedReturnOrigins string[]

@description('Origins (scheme://host[:port]) whose pages may call the app from the browser (CORS), for a checkout page that calls confirm and status itself. Empty: no CORS.')
param corsAllowedOrigins string[] = []

@minLength(3)
@maxLength(63)
@description('Table that stores payments.')
param paymentsTableName string = 'payments'

// The Functions host names the poison queue "<queue>-poison" and skips it when that exceeds 63 characters.
@minLength(3)
@maxLength(56)
@description('Queue that drives status reconciliation; its poison queue is this name plus "-poison".')
param reconcileQueueName string = 'payment-reconcile'

@minLength(3)
@maxLength(56)
@description('Queue that carries each payment change to the projector (list index, events feed, webhooks); its poison queue is this name plus "-poison".')
param changesQueueName string = 'payment-changes'

@minLength(3)
@maxLength(56)
@description('Queue of webhook deliveries (one message per event and endpoint); its poison queue is this name plus "-poison".')
param webhookQueueName string = 'webhook-deliveries'

@minLength(3)
@maxLength(63)
@description('Queue of webhook deliveries given up after the last attempt, for an operator to replay. See docs/operations.md.')
param webhookDeadLetterQueueName string = 'webhook-dead-letter'

@description('A merchant endpoint that receives signed webhooks, and the Key Vault secrets that hold its whsec_ signing secret.')
type webhookEndpoint = {
  @minLength(9)
  @description('https URL the events are POSTed to.')
  url: string

  @minLength(1)
  @description('Comma-separated event types (payment.succeeded, refund.failed, ...) or * for all.')
  events: string

  @minLength(1)
  @maxLength(127)
  @description('Name (not value) of the Key Vault secret holding the endpoint\'s signing secret (whsec_ and base64).')
  secretName: string

  @maxLength(127)
  @description('While a secret is being rotated: the other secret\'s name; every delivery then carries both signatures.')
  secondSecretName: string?
}

@description('Webhook endpoints. Empty: webhooks are off. The template never creates the secrets; set each with az keyvault secret set.')
param webhookEndpoints webhookEndpoint[] = []

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
@description('Storage redundancy. Use Standard_ZRS in production where the region offers it.')
param storageSkuName string = 'Standard_LRS'

@allowed([
  512
  2048
  4096
])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption scale-out.')
param maximumInstanceCount int = 40

@minValue(0)
@maxValue(20)
@description('Flex Consumption always-ready instances for the HTTP functions (0 = scale from zero). One keeps the first confirm or notice after a quiet spell free of a cold start; the webhook and list projection then follow in the same instance within about a second. Billed while idle. See docs/operations.md, "Webhook latency on Flex Consumption".')
param alwaysReadyHttpInstances int = 0

@description('Allow inbound traffic only from Oceanpayment notice IPs. Applies to the WHOLE app, browser return and payment API included: only for a deployment that serves notices alone. Behind Azure Front Door put the list in a WAF rule instead. See docs/operations.md.')
param restrictToOceanpaymentNoticeIps bool = false

@description('Oceanpayment notice source IPs used when restrictToOceanpaymentNoticeIps is true.')
param oceanpaymentNoticeIps string[] = [
  '153.254.110.82'
  '218.213.69.2'
  '52.77.42.94'
  '52.220.14.99'
  '183.47.51.150'
  '47.76.241.251'
  '203.131.246.62'
]

@description('Route outbound traffic through a VNet and a NAT gateway so the app has one static public IP to register with Oceanpayment.')
param enableStaticOutboundIp bool = false

@description('Object id of a person or group allowed to set Key Vault secrets (Key Vault Secrets Officer). Empty: none.')
param operatorPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Principal type of operatorPrincipalId.')
param operatorPrincipalType string = 'User'

@description('Client id of the Microsoft Entra app registration operators sign in with (App Service Authentication). Empty: the platform\'s authentication stays off and the operator endpoints answer 401 to everyone. See docs/operations.md.')
param operatorAuthClientId string = ''

@description('Tenant of that app registration. Empty: the deployment\'s tenant.')
param operatorAuthTenantId string = ''

@minLength(1)
@description('App role (roles claim) the app requires of an operator; the app registration defines it and assigns it to operators.')
param operatorRole string = 'Payments.Operator'

@description('Optional object ids of Entra groups; when given, the platform lets only their members sign in at all.')
param operatorGroupIds string[] = []

@description('E-mail address for the alerts (action group). Empty: the action group is created without a receiver.')
param alertEmail string = ''

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-api-${resourceToken}'
// Flex Consumption pulls the deployment package from this container, with the app's identity.
var deploymentContainerName = 'app-package-${resourceToken}'
var reconcilePoisonQueueName = '${reconcileQueueName}-poison'
var changesPoisonQueueName = '${changesQueueName}-poison'
var webhookPoisonQueueName = '${webhookQueueName}-poison'
var operatorAuthEnabled = !empty(operatorAuthClientId)

// Paths App Service Authentication lets through without a sign-in: everything shops, shoppers' browsers and
// Oceanpayment call, each guarded by the app itself (function key, client secret, master key or signature).
// Routes are "/api/" plus each function's Route; a trailing /* covers every path below. The operator routes
// (/api/operator/...) are not listed, so the platform demands a sign-in before they run.
// tests/Payments.Infra.Tests checks this list against the functions' HttpTrigger attributes.
var publicPaths = [
  '/api/payments'
  '/api/payments/*'
  '/api/oceanpayment/*'
  '/api/health'
  '/api/events'
  '/api/events/*'
  '/api/maintenance/*'
]

// Flex Consumption signs the platform into Entra with the app's user-assigned identity (a federated
// credential on the app registration) instead of a client secret: this setting names that identity.
var operatorAuthSettings = operatorAuthEnabled
  ? {
      OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identity.properties.clientId
    }
  : {}

// Oceanpayment__Terminals__<i>__<Field>: the terminal, its secret's name and its routing. Terminal,
// SecureCodeSecretName and Methods are always written (empty Methods: the terminal takes no new payments);
// the optional fields only when given, so an absent one means no filter.
func terminalFields(t oceanpaymentTerminal) { *: string } => {
  Terminal: t.terminal
  SecureCodeSecretName: t.secretName
  Account: t.?account ?? ''
  Methods: t.methods
  Currencies: t.?currencies ?? ''
  MinAmount: t.?minAmount ?? ''
  MaxAmount: t.?maxAmount ?? ''
  Countries: t.?countries ?? ''
}

var terminalSettings = toObject(
  flatten(map(range(0, length(oceanpaymentTerminals)), i => map(
    filter(
      items(terminalFields(oceanpaymentTerminals[i])),
      field => contains(['Terminal', 'SecureCodeSecretName', 'Methods'], field.key) || !empty(trim(field.value))
    ),
    field => {
      key: 'Oceanpayment__Terminals__${i}__${field.key}'
      value: field.value
    }
  ))),
  entry => entry.key,
  entry => entry.value
)
// Oceanpayment__Methods__<api method name>__Methods, for each override given.
var methodStringSettings = toObject(
  filter(items(oceanpaymentMethodStrings), entry => !empty(trim(entry.?value ?? ''))),
  entry => 'Oceanpayment__Methods__${entry.key}__Methods',
  entry => entry.?value ?? ''
)
// Webhooks__Endpoints__<i>__Url / __Events / __SecretName (and __SecondSecretName while a secret is rotated).
var webhookSettings = toObject(
  flatten(map(range(0, length(webhookEndpoints)), i => concat(
    [
      {
        key: 'Webhooks__Endpoints__${i}__Url'
        value: webhookEndpoints[i].url
      }
      {
        key: 'Webhooks__Endpoints__${i}__Events'
        value: webhookEndpoints[i].events
      }
      {
        key: 'Webhooks__Endpoints__${i}__SecretName'
        value: webhookEndpoints[i].secretName
      }
    ],
    empty(webhookEndpoints[i].?secondSecretName ?? '')
      ? []
      : [
          {
            key: 'Webhooks__Endpoints__${i}__SecondSecretName'
            value: webhookEndpoints[i].secondSecretName!
          }
        ]
  ))),
  entry => entry.key,
  entry => entry.value
)
var returnOriginSettings = toObject(
  range(0, length(allowedReturnOrigins)),
  i => 'Payments__AllowedReturnOrigins__${i}',
  i => allowedReturnOrigins[i]
)

// Access restrictions are evaluated for every path of the site, so this list cannot single out
// /api/oceanpayment/notice: with it on, shoppers' browsers (backUrl) and the shop's API calls are refused too.
// Behind Azure Front Door the app sees Front Door's addresses, so the list belongs in a WAF rule there.
var noticeIpRules = [
  for (ip, i) in oceanpaymentNoticeIps: {
    name: 'oceanpayment-notice-${i}'
    action: 'Allow'
    ipAddress: '${ip}/32'
    priority: 100 + i
    tag: 'Default'
  }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-api-${resourceToken}'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
    features: {
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSkuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource reconcileQueue 'queues' = {
      name: reconcileQueueName
    }

    resource reconcilePoisonQueue 'queues' = {
      name: reconcilePoisonQueueName
    }

    resource changesQueue 'queues' = {
      name: changesQueueName
    }

    resource changesPoisonQueue 'queues' = {
      name: changesPoisonQueueName
    }

    resource webhookQueue 'queues' = {
      name: webhookQueueName
    }

    resource webhookPoisonQueue 'queues' = {
      name: webhookPoisonQueueName
    }

    resource webhookDeadLetterQueue 'queues' = {
      name: webhookDeadLetterQueueName
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource paymentsTable 'tables' = {
      name: paymentsTableName
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: 'kv-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

module network 'network.bicep' = if (enableStaticOutboundIp) {
  name: 'network'
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.name
    vaultName: vault.name
    appInsightsName: appInsights.name
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    appInsightsName: appInsights.name
    storageAccountName: storage.name
    alertEmail: alertEmail
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: enableStaticOutboundIp ? network!.outputs.subnetId : null
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      ipSecurityRestrictionsDefaultAction: restrictToOceanpaymentNoticeIps ? 'Deny' : 'Allow'
      ipSecurityRestrictions: restrictToOceanpaymentNoticeIps ? noticeIpRules : []
      // Only for a shopper's page on another origin that calls confirm or status from the browser; the
      // client secret travels in a header, never a cookie, so credentials stay off.
      cors: empty(corsAllowedOrigins)
        ? null
        : {
            allowedOrigins: corsAllowedOrigins
            supportCredentials: false
          }
      // Deployment (azd, Entra-authenticated) goes to the scm site, which keeps its own, open rule set.
      scmIpSecurityRestrictionsUseMain: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(
      {
        AzureWebJobsStorage__accountName: storage.name
        AzureWebJobsStorage__credential: 'managedidentity'
        AzureWebJobsStorage__clientId: identity.properties.clientId
        AZURE_CLIENT_ID: identity.properties.clientId
        APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        KeyVault__VaultUri: vault.properties.vaultUri
        Oceanpayment__Account: oceanpaymentAccount
        Oceanpayment__PaymentBaseUrl: oceanpaymentPaymentBaseUrl
        Oceanpayment__QueryBaseUrl: oceanpaymentQueryBaseUrl
        Payments__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
        // The app writes its table and queues under these names and the queue triggers read
        // %Storage:ReconcileQueue% and %Storage:ChangesQueue%, so changing a parameter moves the
        // resources and the app together.
        Storage__PaymentsTable: paymentsTableName
        Storage__ReconcileQueue: reconcileQueueName
        Storage__ChangesQueue: changesQueueName
        Storage__WebhookQueue: webhookQueueName
        Storage__WebhookDeadLetterQueue: webhookDeadLetterQueueName
        Operators__Role: operatorRole
      },
      terminalSettings,
      methodStringSettings,
      returnOriginSettings,
      webhookSettings,
      operatorAuthSettings
    )
    dependsOn: [
      rbac
      storage::blobService::deploymentContainer
      storage::queueService::reconcileQueue
      storage::queueService::reconcilePoisonQueue
      storage::queueService::changesQueue
      storage::queueService::changesPoisonQueue
      storage::queueService::webhookQueue
      storage::queueService::webhookPoisonQueue
      storage::queueService::webhookDeadLetterQueue
      storage::tableService::paymentsTable
    ]
  }

  // Operators sign in with Microsoft Entra ID; the public paths stay open (see publicPaths). The platform
  // then sets WEBSITE_AUTH_ENABLED=True, the only case in which the app believes X-MS-CLIENT-PRINCIPAL.
  resource authSettings 'config' = if (operatorAuthEnabled) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'RedirectToLoginPage'
        redirectToProvider: 'azureactivedirectory'
        excludedPaths: publicPaths
      }
      httpSettings: {
        requireHttps: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: operatorAuthClientId
            clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
            openIdIssuer: '${environment().authentication.loginEndpoint}${empty(operatorAuthTenantId) ? tenant().tenantId : operatorAuthTenantId}/v2.0'
          }
          validation: {
            allowedAudiences: [
              'api://${operatorAuthClientId}'
            ]
            defaultAuthorizationPolicy: {
              allowedPrincipals: empty(operatorGroupIds)
                ? {}
                : {
                    groups: operatorGroupIds
                  }
            }
          }
        }
      }
      login: {
        // Flex Consumption instances share no file system for a token store; the session cookie is enough.
        tokenStore: {
          enabled: false
        }
      }
    }
    dependsOn: [
      appSettings
    ]
  }

  // Publishing with user names and passwords stays off; azd deploys with Entra tokens.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

var appUrl = 'https://${functionApp.properties.defaultHostName}'

@description('Base URL of the function app.')
output functionAppUrl string = appUrl

@description('backUrl to register with Oceanpayment (browser return).')
output backUrl string = '${appUrl}/api/oceanpayment/return'

@description('noticeUrl to register with Oceanpayment (asynchronous notices).')
output noticeUrl string = '${appUrl}/api/oceanpayment/notice'

@description('Key Vault URI; one secret per terminal goes here.')
output keyVaultUri string = vault.properties.vaultUri

@description('Static outbound IP to register with Oceanpayment, or empty when enableStaticOutboundIp is false.')
output outboundIpAddress string = enableStaticOutboundIp ? network!.outputs.outboundIpAddress : ''

@description('Whether operators sign in through App Service Authentication (operatorAuthClientId given).')
output operatorSignIn bool = operatorAuthEnabled

@description('Redirect URI to register on the operators\' Entra app registration (Web platform).')
output operatorSignInRedirectUri string = operatorAuthEnabled ? '${appUrl}/.auth/login/aad/callback' : ''

@description('Operations workbook and the action group the alerts notify.')
output monitoringWorkbookId string = monitoring.outputs.workbookId

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_FUNCTION_APP_NAME string = functionApp.name
output SERVICE_API_NAME string = functionApp.name
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_KEY_VAULT_ENDPOINT string = vault.properties.vaultUri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.properties.ConnectionString
