#!/usr/bin/env bash
# Mints a platform token (RS256 JWT) with the local key pair: deploy/local/token.sh [sub] [role ...]
#   deploy/local/token.sh                 -> sub=$USER, roles admin
#   deploy/local/token.sh alice editor    -> sub=alice, roles editor
# Valid for 12 hours (TOKEN_HOURS to change). The key pair is made by run.sh (or here, if missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
keys="${AIP_HOME:-$here/../../.local}/jwt"
sub="${1:-${USER:-developer}}"
shift || true
roles=("$@")
[ ${#roles[@]} -gt 0 ] || roles=(admin)

if [ ! -f "$keys/private-key.pem" ]; then
  mkdir -p "$keys"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private-key.pem" 2>/dev/null
  openssl pkey -in "$keys/private-key.pem" -pubout -out "$keys/public-key.pem"
  chmod 600 "$keys/private-key.pem"
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
exp=$((now + ${TOKEN_HOURS:-12} * 3600))
groups=$(printf '"%s",' "${roles[@]}")
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"ai-platform","sub":"%s","upn":"%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$sub" "$sub" "${groups%,}" "$now" "$exp" "$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$keys/private-key.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
