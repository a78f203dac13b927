package io.plantconsole.auth.view;

import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.kernel.identity.Role;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The account commands the Users screen runs; {@link UserAdminService} in the console. Every method blocks (disk,
 * password hashing): the screen's task lane only.
 */
public interface UserAccounts {
    List<UserAccount> list();

    UserAdminService.Issued create(String username, String displayName, Role role);

    UserAccount changeRole(UUID id, Role role, String reason);

    UserAccount disable(UUID id, String reason);

    UserAccount enable(UUID id, String reason);

    UserAdminService.Issued resetPassword(UUID id, String reason);

    UserAccount unlock(UUID id, String reason);

    static UserAccounts of(UserAdminService s) {
        Objects.requireNonNull(s, "service");
        return new UserAccounts() {
            @Override
            public List<UserAccount> list() {
                return s.list();
            }

            @Override
            public UserAdminService.Issued create(String username, String displayName, Role role) {
                return s.create(username, displayName, role);
            }

            @Override
            public UserAccount changeRole(UUID id, Role role, String reason) {
                return s.changeRole(id, role, reason);
            }

            @Override
            public UserAccount disable(UUID id, String reason) {
                return s.disable(id, reason);
            }

            @Override
            public UserAccount enable(UUID id, String reason) {
                return s.enable(id, reason);
            }

            @Override
            public UserAdminService.Issued resetPassword(UUID id, String reason) {
                return s.resetPassword(id, reason);
            }

            @Override
            public UserAccount unlock(UUID id, String reason) {
                return s.unlock(id, reason);
            }
        };
    }
}
