package br.com.ponte.consent.sharing;

/**
 * A group of data the partner asks for in a session.
 *
 * @param mandatory     the user cannot remove it (the partner cannot serve them without it)
 * @param justification why the partner needs it, shown to the user for a mandatory group
 */
public record RequestedGroup(PermissionGroup group, boolean mandatory, String justification) {
}
