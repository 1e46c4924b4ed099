ADMIN=$(grep '^admin-token=' {{SECRETS_FILE}} | cut -d= -f2)
json() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }

# 1. Onboard a partner (operator call) and get its API credentials
PARTNER=$(curl -s -X POST {{VAULT}}/v1/partners -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"Fintech Demo"}')
CLIENT_ID=$(echo "$PARTNER" | json clientId); CLIENT_SECRET=$(echo "$PARTNER" | json clientSecret)

# 2. Exchange them for an access token
TOKEN=$(curl -s -X POST {{VAULT}}/v1/oauth/token -d grant_type=client_credentials \
  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" | json access_token)

# 3. Register the demo receiver as the partner's webhook endpoint (events of one subject in sequence
#    order); give it the secret to verify with
WHSEC=$(curl -s -X POST {{WEBHOOK}}/v1/webhook-endpoints -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"url":"{{RECEIVER}}/hooks/demo","ordered":true}' | json secret)
curl -s -X PUT {{RECEIVER}}/secret --data "$WHSEC"

# 4. Create a payment consent: before:consent:create and after:consent:create arrive, signed
curl -s -X POST {{CONSENT}}/v1/payment-consents -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{
    "transmitter": "sandbox-bank", "redirectUri": "https://partner.example/return",
    "loggedUser": {"document": {"identification": "11144477735", "rel": "CPF"}},
    "creditor": {"personType": "PESSOA_JURIDICA", "cpfCnpj": "11222333000181", "name": "Padaria Pao Quente"},
    "payment": {"type": "PIX", "date": "'"$(date +%F)"'", "currency": "BRL", "amount": "100.12"}}'; echo
