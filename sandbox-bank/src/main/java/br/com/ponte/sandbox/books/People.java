package br.com.ponte.sandbox.books;

import java.util.List;

/**
 * The people, companies and shops the bank's data mention (a transaction's other party, a company's
 * partners), drawn: names from short lists, CPFs and CNPJs with valid check digits that are made up.
 */
final class People {

    private static final List<String> FIRST_NAMES = List.of("ANA", "BRUNO", "CARLA", "DANIEL", "EDUARDA", "FELIPE",
            "GABRIELA", "HUGO", "ISABELA", "JOAO", "LARISSA", "MARCOS", "NATALIA", "OTAVIO", "PAULA", "RAFAEL",
            "SOFIA", "TIAGO", "VANESSA", "WAGNER");
    private static final List<String> SURNAMES = List.of("ALMEIDA", "BARBOSA", "CARDOSO", "DIAS", "FERREIRA", "GOMES",
            "LIMA", "MARTINS", "NASCIMENTO", "OLIVEIRA", "PEREIRA", "RIBEIRO", "SANTOS", "SOUZA", "TEIXEIRA");
    private static final List<String> COMPANIES = List.of("MERCADO BOM PRECO LTDA", "FARMACIA SAUDE TOTAL LTDA",
            "ELETRICA LUZ FORTE SA", "SANEAMENTO AGUAS CLARAS SA", "TELECOM CONECTA SA", "ESCOLA SABER MAIS LTDA",
            "CONDOMINIO JARDIM DAS FLORES", "POSTO ESTRADA REAL LTDA", "DISTRIBUIDORA TRIGO DOURADO LTDA",
            "LATICINIOS VALE VERDE LTDA", "SEGUROS PROTEGE SA", "ACADEMIA CORPO ATIVO LTDA");
    /** A shop and its Merchant Category Code. */
    record Shop(String name, int mcc) {
    }

    private static final List<Shop> SHOPS = List.of(new Shop("PADARIA PAO QUENTE", 5462),
            new Shop("SUPERMERCADO ECONOMIA", 5411), new Shop("RESTAURANTE SABOR", 5812),
            new Shop("FARMACIA POPULAR", 5912), new Shop("POSTO BR CENTRO", 5541), new Shop("LIVRARIA LEITURA", 5942),
            new Shop("CAFE EXPRESSO", 5814), new Shop("LOJA MODA JOVEM", 5651), new Shop("CINEMA CENTER", 7832),
            new Shop("HORTIFRUTI NATURAL", 5499), new Shop("TRANSPORTE APP", 4121), new Shop("PET SHOP AMIGO", 5995));
    private static final List<Shop> FOREIGN_SHOPS = List.of(new Shop("ONLINE STORE US", 5999),
            new Shop("STREAMING SERVICE", 4899), new Shop("HOTEL LISBOA", 7011), new Shop("AIRLINE TICKETS", 4511));
    /** The three-digit codes of the banks the other parties keep their accounts at. */
    private static final List<String> BANKS = List.of("001", "033", "104", "237", "260", "341", "077", "756");

    private People() {
    }

    static String personName(Draws draws) {
        return draws.pick(FIRST_NAMES) + " " + draws.pick(SURNAMES);
    }

    static String companyName(Draws draws) {
        return draws.pick(COMPANIES);
    }

    static Shop shop(Draws draws) {
        return draws.pick(SHOPS);
    }

    static Shop foreignShop(Draws draws) {
        return draws.pick(FOREIGN_SHOPS);
    }

    static String bank(Draws draws) {
        return draws.pick(BANKS);
    }

    /** Eleven digits, the last two the check digits of the first nine. */
    static String cpf(Draws draws) {
        String base = draws.digits(9);
        return withCheckDigits(base, 2, 11);
    }

    /** Fourteen digits: eight of the company, {@code 0001}, the two check digits. */
    static String cnpj(Draws draws) {
        String base = draws.digits(8) + "0001";
        return withCheckDigits(base, 2, 9);
    }

    /**
     * {@code base} with {@code count} check digits, each the modulus-11 digit of what precedes it, its
     * weights running from 2 up to {@code maxWeight} (9 for a CNPJ, which starts over at 2), right to left.
     */
    private static String withCheckDigits(String base, int count, int maxWeight) {
        StringBuilder digits = new StringBuilder(base);
        for (int c = 0; c < count; c++) {
            int sum = 0;
            int weight = 2;
            for (int i = digits.length() - 1; i >= 0; i--) {
                sum += (digits.charAt(i) - '0') * weight;
                weight = weight == maxWeight ? 2 : weight + 1;
            }
            int rest = sum % 11;
            digits.append(rest < 2 ? 0 : 11 - rest);
        }
        return digits.toString();
    }
}
