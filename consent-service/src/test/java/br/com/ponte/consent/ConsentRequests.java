package br.com.ponte.consent;

import java.util.HashMap;
import java.util.Map;

/** Valid payment consent (and intent) requests to start tests from; tests break one field at a time. */
final class ConsentRequests {

    private ConsentRequests() {
    }

    static Map<String, Object> valid() {
        Map<String, Object> request = new HashMap<>();
        request.put("transmitter", "sandbox-bank");
        request.put("redirectUri", "https://partner.example/pix/return");
        request.put("loggedUser", Map.of("document", Map.of("identification", "11144477735", "rel", "CPF")));
        request.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181",
                "name", "Padaria Pão Quente Ltda"));
        request.put("payment", new HashMap<>(Map.of("type", "PIX", "date", "2026-11-22", "currency", "BRL",
                "amount", "100.12")));
        return request;
    }

    /** A valid payment intent: the consent request without the transmitter, which the user chooses. */
    static Map<String, Object> intent() {
        Map<String, Object> request = valid();
        request.remove("transmitter");
        return request;
    }

    /** {@link #intent()} for another amount. */
    static Map<String, Object> intent(String amount) {
        Map<String, Object> request = intent();
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = (Map<String, Object>) request.get("payment");
        payment.put("amount", amount);
        return request;
    }
}
