package br.com.ponte.sandbox.resource;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Sets the error shape of the {@link PageTotalsInErrors} APIs before anything may refuse the call (the
 * interaction id check comes after it).
 */
@Provider
@PageTotalsInErrors
@Priority(Priorities.AUTHENTICATION)
public class PageTotalsInErrorsFilter implements ContainerRequestFilter {

    private final CallContext call;

    public PageTotalsInErrorsFilter(CallContext call) {
        this.call = call;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        call.pageTotalsInErrors(true);
    }
}
