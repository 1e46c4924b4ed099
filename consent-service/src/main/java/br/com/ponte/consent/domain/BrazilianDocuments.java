package br.com.ponte.consent.domain;

/** Check digits of CPF (11 digits) and CNPJ (14 digits), as the Receita Federal defines them. */
public final class BrazilianDocuments {

    private BrazilianDocuments() {
    }

    public static boolean isValidCpf(String cpf) {
        if (cpf == null || !cpf.matches("\\d{11}") || allSame(cpf)) {
            return false;
        }
        return digit(cpf, 9, 10) == cpf.charAt(9) - '0' && digit(cpf, 10, 11) == cpf.charAt(10) - '0';
    }

    public static boolean isValidCnpj(String cnpj) {
        if (cnpj == null || !cnpj.matches("\\d{14}") || allSame(cnpj)) {
            return false;
        }
        int[] w1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
        int[] w2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
        return cnpjDigit(cnpj, w1) == cnpj.charAt(12) - '0' && cnpjDigit(cnpj, w2) == cnpj.charAt(13) - '0';
    }

    private static int digit(String cpf, int length, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (cpf.charAt(i) - '0') * (firstWeight - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    private static int cnpjDigit(String cnpj, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (cnpj.charAt(i) - '0') * weights[i];
        }
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    private static boolean allSame(String digits) {
        return digits.chars().distinct().count() == 1;
    }
}
