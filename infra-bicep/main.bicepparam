// Parameters for azd (which exports its environment's values before it compiles this file) and for
// `az deployment group create --parameters infra-bicep/main.bicepparam` after the same variables are exported.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')

param oceanpaymentAccount = readEnvironmentVariable('OCEANPAYMENT_ACCOUNT')
param oceanpaymentPaymentBaseUrl = readEnvironmentVariable(
  'OCEANPAYMENT_PAYMENT_BASE_URL',
  'https://secure.oceanpayment.com'
)
param oceanpaymentQueryBaseUrl = readEnvironmentVariable('OCEANPAYMENT_QUERY_BASE_URL', 'https://query.oceanpayment.com')

// A JSON array, in routing order: a payment goes to the first terminal that takes its method and matches its
// currency, amount and billing country. For example
// [{"terminal":"31042201","secretName":"oceanpayment-310422-31042201","methods":"card","currencies":"EUR","minAmount":"100.00"},
//  {"terminal":"31042202","secretName":"oceanpayment-310422-31042202","methods":"card,apple_pay,google_pay"}]
// ("account" for a terminal of another account; "maxAmount" and "countries" as further filters).
param oceanpaymentTerminals = json(readEnvironmentVariable('OCEANPAYMENT_TERMINALS'))

// A JSON object of gateway methods strings by API method name, for example {"alipay_app":"Alipay_APP"}
param oceanpaymentMethodStrings = json(readEnvironmentVariable('OCEANPAYMENT_METHOD_STRINGS', '{}'))

// A JSON array of origins, for example ["https://shop.example.com"]; the app refuses to start without one.
param allowedReturnOrigins = json(readEnvironmentVariable('PAYMENTS_ALLOWED_RETURN_ORIGINS'))

// A JSON array of origins whose pages call the app from the browser (CORS), for example ["https://shop.example.com"]
param corsAllowedOrigins = json(readEnvironmentVariable('PAYMENTS_CORS_ALLOWED_ORIGINS', '[]'))

// A JSON array, for example [{"url":"https://shop.example.com/hooks","events":"*","secretName":"webhook-shop"}]
// (add "secondSecretName" while rotating that endpoint's secret).
param webhookEndpoints = json(readEnvironmentVariable('WEBHOOK_ENDPOINTS', '[]'))

param restrictToOceanpaymentNoticeIps = bool(readEnvironmentVariable('OCEANPAYMENT_NOTICE_IPS_ONLY', 'false'))
param enableStaticOutboundIp = bool(readEnvironmentVariable('ENABLE_STATIC_OUTBOUND_IP', 'false'))

// azd sets AZURE_PRINCIPAL_ID to the signed-in user, who then may set the secure-code secrets.
param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

// Operators' sign-in (App Service Authentication with Microsoft Entra ID); empty client id: off.
param operatorAuthClientId = readEnvironmentVariable('OPERATORS_ENTRA_CLIENT_ID', '')
param operatorAuthTenantId = readEnvironmentVariable('OPERATORS_ENTRA_TENANT_ID', '')
param operatorRole = readEnvironmentVariable('OPERATORS_ROLE', 'Payments.Operator')
// A JSON array of group object ids, for example ["7f3c..."]
param operatorGroupIds = json(readEnvironmentVariable('OPERATORS_GROUP_IDS', '[]'))

param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')
