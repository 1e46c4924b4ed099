package br.com.ponte.events;

/**
 * Marker of an event payload. Every implementation is a record in {@code data}, mapped to exactly
 * one {@link EventType}.
 */
public interface EventData {
}
