# 9. Data sharing. The partner's client at the second institution, Banco Horizonte (data only), by DCR
HORIZONTE=f406bcf0-814a-40d5-abad-59bdd38ce8b8
curl -s -X POST {{VAULT}}/v1/ofb-credentials/transmitters/$HORIZONTE/registration -H "Authorization: Bearer $TOKEN" > /dev/null

# 10. Start a consent-management session: who the user is, why, which data (mandatory or optional), how long
SESSION=$(curl -s -X POST {{CONSENT}}/v1/sharing-sessions -H "Authorization: Bearer $TOKEN" \
  -H "x-idempotency-key: $(cat /proc/sys/kernel/random/uuid)" -H 'Content-Type: application/json' -d '{
    "loggedUser": {"document": {"identification": "76109277673", "rel": "CPF"}},
    "purpose": "Análise de crédito para oferecer um empréstimo com juros menores",
    "permissionGroups": [{"group": "ACCOUNTS_TRANSACTIONS", "mandatory": true, "justification": "Para calcular a sua renda"},
      {"group": "CREDIT_CARDS_BILLS"}, {"group": "CREDIT_OPERATIONS"}],
    "durationMonths": 12, "redirectUri": "https://partner.example/sharing/return"}')
SESSION_ID=$(echo "$SESSION" | json id); SESSION_URL=$(echo "$SESSION" | json url)
# → send the user to $SESSION_URL (open it in a browser to walk the screens, CPF 761.092.776-73 at the
#   banks); here curl plays the user, submitting the screens' forms

# 11. The user confirms the data and the term, then shares with one institution after the other: Ponte
#     creates the consent there and its redirect screen sends the user to the bank, where they approve
#     (every account, card and contract pre-selected), and the bank sends them back through Ponte
curl -s -o /dev/null $SESSION_URL/data -d group=ACCOUNTS_TRANSACTIONS -d group=CREDIT_CARDS_BILLS -d group=CREDIT_OPERATIONS -d duration=12
share() {
  local AUTH_URL BACK
  AUTH_URL=$(curl -s $SESSION_URL/institution -d bank=$1 | sed -n 's/.*http-equiv="refresh" content="[0-9]*; *url=\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')
  BACK=$(curl -s --cacert "$CA" -o /dev/null -D - "${AUTH_URL%%\?*}" -d cpf=76109277673 -d decision=approve \
    -d request_uri="$(echo "$AUTH_URL" | sed 's/.*request_uri=\([^&]*\).*/\1/')" \
    -d client_id="$(echo "$AUTH_URL" | sed 's/.*client_id=\([^&]*\).*/\1/')" | grep -i '^location:' | cut -d' ' -f2 | tr -d '\r')
  curl -s -o /dev/null -D - {{CONSENT}}/v1/authorisations/callback -d "${BACK#*[?#]}" | grep -i '^location:' | sed 's/.*consent=//' | tr -d '\r'
}
AT_SANDBOX=$(share $BANK); AT_HORIZONTE=$(share $HORIZONTE)

# 12. "Concluir": the user goes back to the partner with the session id
curl -s -o /dev/null -D - -X POST $SESSION_URL/finish | grep -i '^location:'
# → Location: https://partner.example/sharing/return?sessionId=…&status=FINISHED

# 13. One sharing:resource:shared webhook per account, card and contract shared (8 at Banco Sandbox Ponte;
#     2 at Banco Horizonte, which has no cards and dropped them from its consent), then the consents
for i in $(seq 60); do
  [ "$(curl -s {{RECEIVER}}/received | grep -c '"sharing:resource:shared"')" -ge 10 ] && break; sleep 1
done
curl -s {{CONSENT}}/v1/sharing-consents/$AT_SANDBOX -H "Authorization: Bearer $TOKEN"; echo
curl -s {{CONSENT}}/v1/sharing-consents/$AT_HORIZONTE -H "Authorization: Bearer $TOKEN"; echo

# 14. Collection: collection-service collects what was shared, within the bank's operational limits
#     (collection:started, collection:transactions:available, collection:finished arrive). Once the
#     accounts' first collection finished, the partner reads them: the accounts, a page of the first one's
#     transactions (meta.collectedAt says when they were collected) and this month's budget per operation
for i in $(seq 90); do
  curl -s {{RECEIVER}}/received | grep '"collection:finished"' | grep '"ACCOUNTS"' | grep -q "$AT_SANDBOX" && break; sleep 1
done
ACCOUNTS=$(curl -s {{COLLECTION}}/v1/sharing-consents/$AT_SANDBOX/accounts -H "Authorization: Bearer $TOKEN"); echo "$ACCOUNTS"
ACCOUNT_ID=$(echo "$ACCOUNTS" | json accountId)
curl -s "{{COLLECTION}}/v1/sharing-consents/$AT_SANDBOX/accounts/$ACCOUNT_ID/transactions?page-size=3" -H "Authorization: Bearer $TOKEN"; echo
curl -s {{COLLECTION}}/v1/sharing-consents/$AT_SANDBOX/budget -H "Authorization: Bearer $TOKEN"; echo

# 15. The partner revokes the sharing with Banco Horizonte: revoked at the bank too, sharing:consent:revoked,
#     and its collected data deleted (collection:data:deleted)
curl -s -X DELETE {{CONSENT}}/v1/sharing-consents/$AT_HORIZONTE -H "Authorization: Bearer $TOKEN"
curl -s {{CONSENT}}/v1/sharing-consents/$AT_HORIZONTE -H "Authorization: Bearer $TOKEN"; echo
