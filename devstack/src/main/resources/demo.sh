ADMIN=$(grep '^admin-token=' {{SECRETS_FILE}} | cut -d= -f2)
CA=$(dirname {{SECRETS_FILE}})/pki/ca-root.pem
BANK=c9427b03-c565-47ce-90f1-09841f099026   # sandbox-bank's authorisation server in the directory
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

# 4. The partner in Open Finance: a software statement at the directory (sandbox-bank's) with Ponte's
#    callback among its redirect URIs, its transport and signing certificates uploaded to the vault,
#    and its client at the bank registered by DCR
SSA=$(curl -s -X POST {{DIRECTORY}}/directory/software-statements -H 'Content-Type: application/json' -d '{
  "organisationName":"Fintech Demo Ltda","cnpj":"11222333000181","clientName":"Fintech Demo",
  "redirectUris":["{{CONSENT}}/v1/authorisations/callback"]}')
ORG=$(echo "$SSA" | json organisationId); SS=$(echo "$SSA" | json softwareStatementId)
curl -s -X PUT {{VAULT}}/v1/ofb-credentials -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"organizationId":"'"$ORG"'","softwareStatementId":"'"$SS"'"}' > /dev/null
for USAGE in TRANSPORT SIGNING; do
  ISSUED=$(curl -s -X POST {{DIRECTORY}}/directory/organisations/$ORG/softwarestatements/$SS/certificates \
    -H 'Content-Type: application/json' -d '{"usage":"'$USAGE'"}')
  curl -s -X POST {{VAULT}}/v1/certificates -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"usage":"'$USAGE'","certificate":"'"$(echo "$ISSUED" | json certificate)"'","privateKey":"'"$(echo "$ISSUED" | json privateKey)"'"}' > /dev/null
done
curl -s -X POST {{VAULT}}/v1/ofb-credentials/transmitters/$BANK/registration -H "Authorization: Bearer $TOKEN" > /dev/null

# 5. Create a payment consent: Ponte creates it at the bank and answers with the URL for the user
CONSENT=$(curl -s -X POST {{CONSENT}}/v1/payment-consents -H "Authorization: Bearer $TOKEN" \
  -H "x-idempotency-key: $(cat /proc/sys/kernel/random/uuid)" -H 'Content-Type: application/json' -d '{
    "transmitter": "'$BANK'", "redirectUri": "https://partner.example/return",
    "loggedUser": {"document": {"identification": "11144477735", "rel": "CPF"}},
    "creditor": {"personType": "PESSOA_JURIDICA", "cpfCnpj": "11222333000181", "name": "Padaria Pao Quente"},
    "payment": {"type": "PIX", "date": "'"$(TZ=America/Sao_Paulo date +%F)"'", "currency": "BRL", "amount": "100.12",
      "details": {"localInstrument": "DICT", "proxy": "padaria@example.com",
        "creditorAccount": {"ispb": "99999004", "issuer": "0001", "number": "1234567", "accountType": "CACC"}}}}')
CONSENT_ID=$(echo "$CONSENT" | json id); AUTH_URL=$(echo "$CONSENT" | json authorisationUrl)

# 6. The user approves at the bank (open $AUTH_URL in a browser within a minute, CPF 111.444.777-35;
#    here curl plays the user and the callback page), and the bank sends them back through Ponte
REQUEST_URI=$(echo "$AUTH_URL" | sed 's/.*request_uri=\([^&]*\).*/\1/'); BANK_CLIENT=$(echo "$AUTH_URL" | sed 's/.*client_id=\([^&]*\).*/\1/')
BACK=$(curl -s --cacert "$CA" -o /dev/null -D - "${AUTH_URL%%\?*}" -d request_uri="$REQUEST_URI" \
  -d client_id="$BANK_CLIENT" -d cpf=11144477735 -d decision=approve | grep -i '^location:' | cut -d' ' -f2 | tr -d '\r')
curl -s -o /dev/null {{CONSENT}}/v1/authorisations/callback -d "${BACK#*[?#]}"

# 7. The consent is AUTHORISED; before:consent:create, after:consent:create and consent:approved arrived, signed
curl -s {{CONSENT}}/v1/payment-consents/$CONSENT_ID -H "Authorization: Bearer $TOKEN"; echo

# 8. Pay: payment-service initiates the Pix payment at the bank and follows it to ACSC; consent:consumed,
#    consent:polling and consent:finish arrive
PAYMENT_ID=$(curl -s -X POST {{PAYMENT}}/v1/pix/payments -H "Authorization: Bearer $TOKEN" \
  -H "x-idempotency-key: $(cat /proc/sys/kernel/random/uuid)" -H 'Content-Type: application/json' \
  -d '{"consentId":"'$CONSENT_ID'","cnpjInitiator":"11222333000181","remittanceInformation":"Pedido 42"}' | json id)
for i in $(seq 60); do
  curl -s {{PAYMENT}}/v1/pix/payments/$PAYMENT_ID -H "Authorization: Bearer $TOKEN" | grep -q '"status":"ACSC"' && break; sleep 1
done
curl -s {{PAYMENT}}/v1/pix/payments/$PAYMENT_ID -H "Authorization: Bearer $TOKEN"; echo
