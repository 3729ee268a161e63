#!/usr/bin/env bash
# Prints the AzureWebJobsStorage connection string for the Azurite that scripts/azurite.sh starts
# with the same AZURITE_*_PORT variables: UseDevelopmentStorage=true on the default ports, the
# emulator's well-known account and key on any others. For example:
#   AzureWebJobsStorage=$(AZURITE_TABLE_PORT=20002 ... scripts/azurite-connection.sh) dotnet ...
set -euo pipefail
blob=${AZURITE_BLOB_PORT:-10000}
queue=${AZURITE_QUEUE_PORT:-10001}
table=${AZURITE_TABLE_PORT:-10002}
if [ "$blob/$queue/$table" = "10000/10001/10002" ]; then
  echo "UseDevelopmentStorage=true"
  exit 0
fi
# Azurite's documented development account (public, the same in every installation).
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
