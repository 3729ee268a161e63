// Alerts and a workbook for operators, built on what the app already emits: the product meter
// (customMetrics rows named after the instruments in PaymentsTelemetry), its structured logs (traces rows
// whose customDimensions carry the log template as OriginalFormat, its fields and EventId), the Functions
// invocations (requests rows) and the storage account's queue metric.
targetScope = 'resourceGroup'

@description('Azure region of the alert rules and the workbook.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Seeds the names of the resources.')
param resourceToken string

@description('Name of the Application Insights component the app sends telemetry to.')
param appInsightsName string

@description('Name of the storage account that holds the reconcile queues.')
param storageAccountName string

@description('E-mail address that receives the alerts. Empty: the action group has no receiver yet (add one in the portal).')
param alertEmail string = ''

@minValue(1)
@description('Rejected notices in 15 minutes above which the rejected-notice alert fires.')
param rejectedNoticeThreshold int = 3

@minValue(1)
@maxValue(100)
@description('Percentage of failed function invocations in 15 minutes above which the failure-rate alert fires.')
param failureRatePercent int = 5

@minValue(1)
@description('Invocations in 15 minutes below which the failure rate is not judged (a single failure of two is noise).')
param failureRateMinimumInvocations int = 20

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-payments-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'payments'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

var failureRateQuery = format(
  '''
requests
| summarize invocations = count(), failed = countif(success == false)
| where invocations >= {0}
| extend failedPercent = 100.0 * failed / invocations
''',
  failureRateMinimumInvocations
)

// Each query ends in one row with the number the rule compares (measure); docs/operations.md has a runbook per rule.
var alertRules = [
  {
    name: 'payment-review'
    displayName: 'Payments: a payment entered review'
    description: 'payments.review counted a payment that needs a person (amount/currency/terminal mismatch, reconciliation horizon, poison message). Runbook: docs/operations.md#alert-payment-review'
    severity: 2
    query: '''
customMetrics
| where name == "payments.review"
| summarize total = sum(valueSum)
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'refund-review'
    displayName: 'Payments: a refund needs a person'
    description: 'refunds.review counted a refund with no final result by its horizon (31 days, or 3 days when its answer was lost and no notice named it), or whose checks all failed. Runbook: docs/operations.md#alert-refund-review'
    severity: 2
    query: '''
customMetrics
| where name == "refunds.review"
| summarize total = sum(valueSum)
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'dispute-opened'
    displayName: 'Payments: a dispute was opened'
    description: 'disputes.opened counted a notice (a chargeBack, or a re-presentment of a chargeback not seen yet) that opened a dispute. Runbook: docs/operations.md#alert-dispute-opened'
    severity: 3
    query: '''
customMetrics
| where name == "disputes.opened"
| summarize total = sum(valueSum)
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'reconcile-giveup'
    displayName: 'Payments: reconciliation gave up'
    description: 'reconcile.giveups: a payment reached the reconciliation horizon without a final status and went to review. Runbook: docs/operations.md#alert-reconcile-giveup'
    severity: 1
    query: '''
customMetrics
| where name == "reconcile.giveups"
| summarize total = sum(valueSum)
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'reconcile-poison'
    displayName: 'Payments: reconcile message poisoned'
    description: 'Log event 9004: a reconcile message failed every delivery and reached the poison queue. Runbook: docs/operations.md#alert-reconcile-poison'
    severity: 1
    query: '''
traces
| where tostring(customDimensions.EventId) == "9004"
| summarize total = count()
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'changes-poison'
    displayName: 'Payments: payment change not projected'
    description: 'Log event 9008: a payment-change message failed every delivery; it goes round again every 10 minutes until it succeeds. Until then the list index and the events (feed, webhooks) of that payment lag. Runbook: docs/operations.md#alert-changes-poison'
    severity: 2
    query: '''
traces
| where tostring(customDimensions.EventId) == "9008"
| summarize total = count()
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'webhook-dead-letter'
    displayName: 'Payments: webhook delivery given up'
    description: 'Log events 9101 and 9102: a webhook delivery was given up after its last attempt (about three days) or failed every dequeue, and went to the dead-letter queue. Runbook: docs/operations.md#alert-webhook-dead-letter'
    severity: 2
    query: '''
traces
| where tostring(customDimensions.EventId) in ("9101", "9102")
| summarize total = count()
'''
    measure: 'total'
    threshold: 0
  }
  {
    name: 'notices-rejected'
    displayName: 'Payments: burst of rejected notices'
    description: 'notices.rejected above the threshold in 15 minutes: forged or re-split notices, or a secure code out of step. Runbook: docs/operations.md#alert-notices-rejected'
    severity: 2
    query: '''
customMetrics
| where name == "notices.rejected"
| summarize total = sum(valueSum)
'''
    measure: 'total'
    threshold: rejectedNoticeThreshold
  }
  {
    name: 'failure-rate'
    displayName: 'Payments: function failure rate'
    description: 'More than the threshold percentage of function invocations failed in 15 minutes. Runbook: docs/operations.md#alert-failure-rate'
    severity: 1
    query: failureRateQuery
    measure: 'failedPercent'
    threshold: failureRatePercent
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in alertRules: {
    name: 'alert-${rule.name}-${resourceToken}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: rule.measure
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Stateful: one notification while the condition holds, resolved when it clears.
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

var createdTemplate = 'Payment {PaymentId} created for order {OrderNumber} ({Method})'
var transitionTemplate = 'Result {Kind}: {From} -> {To} (source {Source}, details {DetailsCode})'
var sweepEventId = '9002'

// Payment id -> method and creation time, from the create log line (the metrics carry no method).
var createdPayments = 'let created = traces | where customDimensions.OriginalFormat == "${createdTemplate}" | project PaymentId = tostring(customDimensions.PaymentId), method = tostring(customDimensions.Method), createdAt = timestamp;'
var settledByResult = 'traces | where customDimensions.OriginalFormat == "${transitionTemplate}" | extend PaymentId = tostring(customDimensions.PaymentId), status = tostring(customDimensions.To), source = tostring(customDimensions.Source)'

var week = 604800000

var workbookItems = [
  {
    type: 1
    name: 'intro'
    content: {
      json: '## Payments.Functions\nPayments by status and method, how long a notice takes to settle a payment, and the reconcile backlog. Alerts and their runbooks: docs/operations.md.'
    }
  }
  {
    type: 3
    name: 'payments-by-status'
    content: {
      version: 'KqlItem/1.0'
      title: 'Payments by status (metrics payments.created / succeeded / failed / review), per hour'
      query: 'customMetrics | where name in ("payments.created", "payments.succeeded", "payments.failed", "payments.review") | summarize payments = sum(valueSum) by status = replace_string(name, "payments.", ""), bin(timestamp, 1h)'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'timechart'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
  {
    type: 3
    name: 'payments-by-method'
    content: {
      version: 'KqlItem/1.0'
      title: 'Payments created by method, per hour'
      query: 'traces | where customDimensions.OriginalFormat == "${createdTemplate}" | summarize payments = count() by method = tostring(customDimensions.Method), bin(timestamp, 1h)'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'timechart'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
  {
    type: 3
    name: 'outcomes-by-method'
    content: {
      version: 'KqlItem/1.0'
      title: 'Final status by method, per day'
      query: '${createdPayments} ${settledByResult} | where status in ("Succeeded", "Failed", "Review") | join kind=inner created on PaymentId | summarize payments = dcount(PaymentId) by method, status, day = bin(timestamp, 1d) | order by day desc, method asc, status asc'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'table'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
  {
    type: 3
    name: 'notice-to-settle'
    content: {
      version: 'KqlItem/1.0'
      title: 'Creation to settlement by a notice, minutes (p50, p95), per hour'
      query: '${createdPayments} ${settledByResult} | where source == "Notice" and status in ("Succeeded", "Failed") | join kind=inner created on PaymentId | extend minutes = (timestamp - createdAt) / 1m | summarize p50 = percentile(minutes, 50), p95 = percentile(minutes, 95) by bin(timestamp, 1h)'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'timechart'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
  {
    type: 3
    name: 'notice-handling'
    content: {
      version: 'KqlItem/1.0'
      title: 'Notice received to recorded and acknowledged (the OceanpaymentNotice invocation), ms'
      query: 'requests | where name == "OceanpaymentNotice" | summarize p50 = percentile(duration, 50), p95 = percentile(duration, 95), max = max(duration) by bin(timestamp, 1h)'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'timechart'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
  {
    type: 10
    name: 'reconcile-queue-depth'
    content: {
      version: 'MetricsItem/2.0'
      title: 'Reconcile queue depth (messages in the storage account\'s queues: payment-reconcile and its poison queue)'
      chartType: 2
      size: 0
      metricScope: 0
      resourceType: 'microsoft.storage/storageaccounts/queueservices'
      resourceIds: [
        storage::queueService.id
      ]
      timeContext: {
        durationMs: week
      }
      metrics: [
        {
          namespace: 'microsoft.storage/storageaccounts/queueservices'
          metric: 'microsoft.storage/storageaccounts/queueservices--QueueMessageCount'
          aggregation: 4
        }
      ]
    }
  }
  {
    type: 3
    name: 'reconcile-backlog'
    content: {
      version: 'KqlItem/1.0'
      title: 'Reconcile backlog found by the sweep (log event 9002) and status queries made (reconcile.attempts)'
      query: 'union (traces | where tostring(customDimensions.EventId) == "${sweepEventId}" | summarize value = max(toint(customDimensions.Due)) by series = "overdue open payments (sweep)", bin(timestamp, 1h)), (customMetrics | where name == "reconcile.attempts" | summarize value = toint(sum(valueSum)) by series = "status queries", bin(timestamp, 1h))'
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: 'timechart'
      size: 0
      timeContext: {
        durationMs: week
      }
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsights.id, 'payments-operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Payments operations (${resourceToken})'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: string({
      version: 'Notebook/1.0'
      items: workbookItems
      isLocked: false
      fallbackResourceIds: [
        appInsights.id
      ]
    })
  }
}

@description('Resource id of the action group every alert rule notifies.')
output actionGroupId string = actionGroup.id

@description('Resource id of the operations workbook.')
output workbookId string = workbook.id
