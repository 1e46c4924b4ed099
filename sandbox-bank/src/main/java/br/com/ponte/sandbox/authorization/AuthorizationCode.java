package br.com.ponte.sandbox.authorization;

import java.time.Instant;

/** What an authorisation code stands for: the request the user approved, who they are and when they logged in. */
public record AuthorizationCode(AuthorizationRequest request, String subject, Instant authTime) {
}
