package br.com.ponte.sandbox.dataapis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Locale;

/** How the data APIs write amounts (two decimals, a point) and rates (six decimals, a fraction: 0.0219 is 2.19%). */
final class Amounts {

    static final String BRL = "BRL";

    private Amounts() {
    }

    /** {@code 1234.56}, or {@code -12.30}. */
    static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** {@code {"amount": "1234.56", "currency": "BRL"}}. */
    static ObjectNode money(long cents) {
        return money(cents, BRL);
    }

    static ObjectNode money(long cents, String currency) {
        return JsonNodeFactory.instance.objectNode().put("amount", amount(cents)).put("currency", currency);
    }

    /** {@code 0.021900}. */
    static String rate(double fraction) {
        return String.format(Locale.ROOT, "%.6f", fraction);
    }
}
