package br.com.ponte.sandbox.resource;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources of the APIs whose error answers are {@code ResponseError} with the paginated
 * {@code Meta} (accounts 2.4.2, credit cards 2.3.1: {@code totalRecords}, {@code totalPages},
 * {@code requestDateTime} required): {@link PageTotalsInErrorsFilter} has their errors carry both totals, 0.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PageTotalsInErrors {
}
