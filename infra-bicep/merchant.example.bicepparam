// An example of a merchant's own parameters, for `az deployment group create`. Copy it (for example to
// merchant.bicepparam), change every value marked REPLACE, then:
//
//   az deployment group create --resource-group <group> --parameters infra-bicep/merchant.bicepparam
//
// The numbers below are made up. They are not Oceanpayment's demo account or terminals, and they are not
// anyone's real ones: use the account and terminals Oceanpayment gave you. azd reads main.bicepparam instead
// (the same values as environment variables, see docs/operations.md).
using './main.bicep'

param environmentName = 'payments-prod' // REPLACE: a short name; it seeds the resource names

param oceanpaymentAccount = '123456' // REPLACE: your 6-digit Oceanpayment account

// Sandbox: 'https://test-secure.oceanpayment.com' and 'https://test-query.oceanpayment.com'.
param oceanpaymentPaymentBaseUrl = 'https://secure.oceanpayment.com'
param oceanpaymentQueryBaseUrl = 'https://query.oceanpayment.com'

// In routing order: a payment goes to the first terminal that takes its method and matches its currency,
// amount (minAmount inclusive, maxAmount exclusive, in the payment's currency) and billing country.
// Each secretName is a Key Vault secret you set after the deployment (az keyvault secret set).
param oceanpaymentTerminals = [
  {
    // Cards in EUR from 100.00: the terminal with 3-D Secure.
    terminal: '12345601' // REPLACE: your terminal
    secretName: 'oceanpayment-123456-12345601' // REPLACE: the Key Vault secret's name
    methods: 'card'
    currencies: 'EUR'
    minAmount: '100.00'
  }
  {
    // Cards billed in Japan: a terminal of a second account (leave this one out if you have one account).
    terminal: '65432101' // REPLACE: your terminal
    secretName: 'oceanpayment-654321-65432101' // REPLACE: the Key Vault secret's name
    account: '654321' // REPLACE: the account of this terminal
    methods: 'card'
    countries: 'JP'
  }
  {
    // Every other card payment, and the wallets.
    terminal: '12345602' // REPLACE: your terminal
    secretName: 'oceanpayment-123456-12345602' // REPLACE: the Key Vault secret's name
    methods: 'card,apple_pay,google_pay'
  }
  {
    // Local methods (QR codes and apps).
    terminal: '12345603' // REPLACE: your terminal
    secretName: 'oceanpayment-123456-12345603' // REPLACE: the Key Vault secret's name
    methods: 'wechat_pay_web,wechat_pay_mini_program,wechat_pay_app,alipay_web,alipay_mini_program,alipay_app,fps'
  }
]

// Only when Oceanpayment agreed a methods string other than the app's default, for example
// { alipay_app: 'Alipay_APP' }.
param oceanpaymentMethodStrings = {}

param allowedReturnOrigins = [
  'https://shop.example.com' // REPLACE: the origin of your shop's return pages
]

// Only when the shopper's page calls the app (confirm, status) from the browser on another origin.
param corsAllowedOrigins = []

param alertEmail = 'payments-ops@example.com' // REPLACE: who receives the alerts
