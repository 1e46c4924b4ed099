package br.com.ponte.sandbox.resource;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources of the Open Finance APIs (payments, consents, resources, the data APIs):
 * {@link InteractionIdFilter} handles their {@code x-fapi-interaction-id}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OpenFinanceApi {
}
