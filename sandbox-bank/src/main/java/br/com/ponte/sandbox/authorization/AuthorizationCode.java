package br.com.ponte.sandbox.authorization;

import java.time.Instant;

/**
 * What an authorisation code stands for: the request the user approved, who they are ({@code subject},
 * and the identity claims a claims request may ask for) and when they logged in.
 */
public record AuthorizationCode(AuthorizationRequest request, String subject, Identity user, Instant authTime) {
}
