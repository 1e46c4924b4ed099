package br.com.ponte.sandbox.brand;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.regex.Pattern;

/** What the bank's own pages share: the CPF they log in with, and how they answer (never cached, never framed). */
public final class BankPages {

    public static final String CPF_FORMAT = "Informe o CPF com 11 dígitos, sem pontos nem traço.";
    private static final Pattern CPF = Pattern.compile("\\d{11}");

    private BankPages() {
    }

    public static boolean validCpf(String cpf) {
        return CPF.matcher(cpf).matches();
    }

    public static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .entity(page.render())
                .build();
    }

    /** After a decision, back to the list (post/redirect/get). */
    public static Response seeOther(String url) {
        return Response.seeOther(URI.create(url)).header("Cache-Control", "no-store").build();
    }
}
