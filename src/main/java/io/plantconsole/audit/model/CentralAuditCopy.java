package io.plantconsole.audit.model;

import io.plantconsole.kernel.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the centre holds about one console's audit chain (ADR 0018): its append-only copy of the events, when each
 * arrived, the registry rows of that chain and of the console's client id, and the open flags the sink raised.
 *
 * @param origin        the client id the centre knows this console by, or {@code null} where unknown (tools, tests)
 * @param events        the centre's copy of the chain, in {@code seq} order
 * @param receivedAt    when the centre received each event, by {@code seq} (absent: not recorded)
 * @param registrations registry rows of this chain and of {@code origin}, oldest first
 * @param flags         open flags of this chain or of {@code origin}, oldest first
 * @param registryKnown whether the centre keeps a registry at all (a schema older than V10 does not)
 */
public record CentralAuditCopy(String origin, List<AuditEvent> events, Map<Long, Instant> receivedAt,
        List<Registration> registrations, List<Flag> flags, boolean registryKnown) {

    /** Flag kinds the sink raises for an event it accepted: shown, but the chain is anchored all the same. */
    public static final Set<String> NOTICES = Set.of("SAME_WORKSTATION");

    public CentralAuditCopy {
        events = List.copyOf(events);
        receivedAt = Map.copyOf(receivedAt);
        registrations = List.copyOf(registrations);
        flags = List.copyOf(flags);
    }

    /** A copy without arrival times, registry or flags (a centre that keeps none). */
    public static CentralAuditCopy of(List<AuditEvent> events) {
        return new CentralAuditCopy(null, events, Map.of(), List.of(), List.of(), false);
    }

    /** When the centre received event {@code seq}, if it recorded it. */
    public Optional<Instant> received(long seq) {
        return Optional.ofNullable(receivedAt.get(seq));
    }

    /** The chain registered as active for {@link #origin}, if any. */
    public Optional<Registration> activeForOrigin() {
        return origin == null ? Optional.empty()
                : registrations.stream().filter(r -> r.active() && origin.equals(r.origin())).findFirst();
    }

    /**
     * One registry row: a chain the centre holds.
     *
     * @param consoleId   the chain's id
     * @param origin      the client id that writes it
     * @param workstation the workstation its first event names
     * @param chainStart  when its first event happened, or {@code null}
     * @param firstSeen   when the centre first received it
     * @param lastSeen    when the centre last received a batch of it
     * @param headSeq     the newest event the centre holds (the last anchored head)
     * @param headHash    that event's hash
     * @param retiredAt   when an administrator retired it (re-registered the client id), or {@code null}
     * @param retiredBy   who did, or {@code null}
     * @param retireReason why, or {@code null}
     */
    public record Registration(String consoleId, String origin, String workstation, Instant chainStart,
            Instant firstSeen, Instant lastSeen, long headSeq, String headHash, Instant retiredAt, String retiredBy,
            String retireReason) {
        public Registration {
            Objects.requireNonNull(consoleId, "consoleId");
            Objects.requireNonNull(origin, "origin");
        }

        public boolean active() {
            return retiredAt == null;
        }
    }

    /**
     * One open flag: an event the sink refused (or accepted with a notice).
     *
     * @param origin      the client id that sent it
     * @param consoleId   the chain the event claims
     * @param kind        NEW_CHAIN, FORK, REWRITTEN, BROKEN_LINK, GAP, NOT_FROM_START, FOREIGN, RETIRED, or a
     *                    {@link #NOTICES notice}
     * @param seq         the event's position
     * @param eventId     the event's id
     * @param detail      what the sink said, in words
     * @param firstRaised when it was first refused
     * @param lastRaised  when it was last refused (the console retries)
     * @param attempts    how often
     */
    public record Flag(String origin, String consoleId, String kind, long seq, UUID eventId, String detail,
            Instant firstRaised, Instant lastRaised, long attempts) {
        public Flag {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(consoleId, "consoleId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean notice() {
            return NOTICES.contains(kind);
        }
    }
}
