package br.com.ponte.consent;

import java.util.HashMap;
import java.util.Map;

/** Valid payment consent requests to start tests from; tests break one field at a time. */
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
}
