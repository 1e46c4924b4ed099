#!/usr/bin/env bash
# Issues a TLS server certificate for localhost (SAN DNS localhost, IP 127.0.0.1, serverAuth) with a CA
# of your choosing, e.g. sandbox-bank's issuing CA, so that clients trusting that CA's root trust oidc-bank.
#   make-dev-cert.sh <ca-chain.pem: issuing CA first> <ca-key.pem> <out-dir>
# Writes <out-dir>/server-key.pem and <out-dir>/server-chain.pem (leaf, then the CA chain).
set -euo pipefail
chain=$1 cakey=$2 out=$3
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the first certificate of the chain is the issuing CA
openssl x509 -in "$chain" -out "$tmp/ca.pem"
openssl req -new -newkey rsa:2048 -nodes -keyout "$out/server-key.pem" -subj "/CN=localhost" -out "$tmp/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' > "$tmp/ext"
openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$cakey" -CAcreateserial -days 30 -sha256 \
  -extfile "$tmp/ext" -out "$tmp/leaf.pem" 2>/dev/null
cat "$tmp/leaf.pem" "$chain" > "$out/server-chain.pem"
chmod 600 "$out/server-key.pem"
echo "wrote $out/server-key.pem and $out/server-chain.pem"
