// Optional egress path: a VNet whose app subnet sends all outbound traffic through a NAT gateway with
// one static public IP. Oceanpayment's query API answers registered IPs only, and a Flex Consumption
// app without VNet integration has no outbound address it can promise to keep.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Unique suffix shared with the main template\'s resource names.')
param resourceToken string

@description('Address space of the VNet.')
param addressPrefix string = '10.40.0.0/16'

@description('Subnet delegated to the Flex Consumption app.')
param appSubnetPrefix string = '10.40.1.0/24'

resource outboundIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-nat-${resourceToken}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource natGateway 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'ng-${resourceToken}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: outboundIp.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${resourceToken}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          natGateway: {
            id: natGateway.id
          }
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }
}

@description('Resource id of the subnet the function app integrates with.')
output subnetId string = vnet.properties.subnets[0].id

@description('The static public IP all outbound traffic leaves from.')
output outboundIpAddress string = outboundIp.properties.ipAddress
