package io.plantconsole.auth.service;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SsoIdentity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The site's mapping from the identity provider's groups to console roles (site config {@code oidc.roles}). A person
 * in several mapped groups gets the highest of their roles; group names match exactly (case included).
 *
 * <p>Immutable and thread-safe.
 */
public final class RoleMapping {

    private final Map<String, Role> roleByGroup;

    public RoleMapping(Map<String, Role> roleByGroup) {
        Objects.requireNonNull(roleByGroup, "roleByGroup");
        this.roleByGroup = Collections.unmodifiableMap(new LinkedHashMap<>(roleByGroup));
    }

    /** The group → role table, in the site config's order. */
    public Map<String, Role> roleByGroup() {
        return roleByGroup;
    }

    /** The highest role of any of {@code groups}, or empty when none of them is mapped. */
    public Optional<Role> highestRole(Set<String> groups) {
        Role best = null;
        for (String group : groups) {
            Role r = roleByGroup.get(group);
            if (r != null && (best == null || r.compareTo(best) > 0)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The role of a signed-in person.
     *
     * @throws SsoException {@link SsoException.Reason#NO_ROLE} when none of their groups is mapped
     */
    public Role roleFor(SsoIdentity identity) {
        return highestRole(identity.groups()).orElseThrow(() -> noRole(identity));
    }

    private static SsoException noRole(SsoIdentity identity) {
        String who = identity.name().equals(identity.subject())
                ? identity.name() : identity.name() + " (" + identity.subject() + ")";
        String groups = identity.groups().isEmpty()
                ? "the identity provider sent no groups for you"
                : "none of your groups (" + String.join(", ", new TreeSet<>(identity.groups()))
                        + ") has a role at this console";
        return new SsoException(SsoException.Reason.NO_ROLE, "You are signed in as " + who + ", but " + groups
                + ". Ask an administrator to add you to a group that has a role at this console.");
    }
}
