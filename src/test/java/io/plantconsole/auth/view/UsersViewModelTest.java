package io.plantconsole.auth.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.testing.ManualFx;
import io.plantconsole.ui.task.BackgroundTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The Users screen's state without the toolkit: a fake account service; tasks run synchronously, or on a real lane
 * thread with a hand-run FX queue where ordering matters.
 */
class UsersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final UUID adminId = UUID.randomUUID();
    private final Session admin = new Session(adminId, "ada", "Ada Admin", Role.ADMIN, Session.Method.PASSWORD, NOW);
    private final Session operator = new Session(UUID.randomUUID(), "olivia", "Olivia Operator", Role.OPERATOR,
            Session.Method.PASSWORD, NOW);
    private Session current = admin;
    private final List<UserAccount> accounts = new ArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private RuntimeException failNext;
    private volatile CountDownLatch listGate;

    private UserAccount account(UUID id, String username, String display, Role role, AccountStatus status,
            int failed, Instant lockedUntil, Instant lastLogin, String sso) {
        return new UserAccount(id, username, display, role, status, sso == null ? "$argon2id$x" : null, false,
                failed, lockedUntil, lastLogin, null, sso, NOW.minus(Duration.ofDays(3)), 1);
    }

    private final UserAccounts fake = new UserAccounts() {
        @Override
        public List<UserAccount> list() {
            calls.add("list");
            CountDownLatch gate = listGate;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return List.copyOf(accounts);
        }

        @Override
        public UserAdminService.Issued create(String username, String displayName, Role role) {
            calls.add("create " + username);
            fail();
            UserAccount a = account(UUID.randomUUID(), username, displayName, role, AccountStatus.ACTIVE, 0, null,
                    null, null);
            accounts.add(a);
            return new UserAdminService.Issued(a, "abcd-efgh-jkmn-pqrs".toCharArray());
        }

        @Override
        public UserAccount changeRole(UUID id, Role role, String reason) {
            calls.add("changeRole " + role + " " + reason);
            fail();
            return replace(id, a -> new UserAccount(a.id(), a.username(), a.displayName(), role, a.status(),
                    a.passwordHash(), a.mustChangePassword(), a.failedAttempts(), a.lockedUntil(), a.lastLoginAt(),
                    a.lastFailedAt(), a.ssoSubject(), a.createdAt(), a.version() + 1));
        }

        @Override
        public UserAccount disable(UUID id, String reason) {
            calls.add("disable " + reason);
            fail();
            return replace(id, a -> new UserAccount(a.id(), a.username(), a.displayName(), a.role(),
                    AccountStatus.DISABLED, a.passwordHash(), a.mustChangePassword(), a.failedAttempts(),
                    a.lockedUntil(), a.lastLoginAt(), a.lastFailedAt(), a.ssoSubject(), a.createdAt(),
                    a.version() + 1));
        }

        @Override
        public UserAccount enable(UUID id, String reason) {
            calls.add("enable " + reason);
            fail();
            return accounts.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        }

        @Override
        public UserAdminService.Issued resetPassword(UUID id, String reason) {
            calls.add("reset " + reason);
            fail();
            return new UserAdminService.Issued(accounts.stream().filter(a -> a.id().equals(id)).findFirst()
                    .orElseThrow(), "zzzz-yyyy-xxxx-wwww".toCharArray());
        }

        @Override
        public UserAccount unlock(UUID id, String reason) {
            calls.add("unlock " + reason);
            fail();
            return accounts.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        }

        private void fail() {
            RuntimeException e = failNext;
            failNext = null;
            if (e != null) {
                throw e;
            }
        }

        private UserAccount replace(UUID id, java.util.function.UnaryOperator<UserAccount> f) {
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i).id().equals(id)) {
                    accounts.set(i, f.apply(accounts.get(i)));
                    return accounts.get(i);
                }
            }
            throw new AuthException(AuthException.Reason.NOT_FOUND, "No such account.");
        }
    };

    private UsersViewModel vm() {
        accounts.add(account(adminId, "ada", "Ada Admin", Role.ADMIN, AccountStatus.ACTIVE, 0, null,
                NOW.minus(Duration.ofHours(2)), null));
        accounts.add(account(UUID.randomUUID(), "olivia", "Olivia Operator", Role.OPERATOR, AccountStatus.ACTIVE, 5,
                NOW.plus(Duration.ofMinutes(10)), null, null));
        accounts.add(account(UUID.randomUUID(), "sam", "Sam Supervisor", Role.SUPERVISOR, AccountStatus.DISABLED, 0,
                null, null, null));
        accounts.add(account(UUID.randomUUID(), "quinn.sso", "Quinn QA", Role.QA_MANAGER, AccountStatus.ACTIVE, 0,
                null, null, "https://idp|q1"));
        UsersViewModel vm = new UsersViewModel(Optional.of(fake), () -> current,
                BackgroundTasks.synchronous().lane("users"), clock);
        vm.refresh();
        return vm;
    }

    private static UserRow row(UsersViewModel vm, String username) {
        return vm.rows().stream().filter(r -> r.username().equals(username)).findFirst().orElseThrow();
    }

    @Test
    void rowsShowEveryColumnInWordsWithBadgesForDisabledAndLockedAccounts() {
        UsersViewModel vm = vm();
        assertThat(vm.rows()).extracting(UserRow::username).containsExactly("ada", "olivia", "quinn.sso", "sam");
        UserRow ada = row(vm, "ada");
        assertThat(ada.status()).isEqualTo("Active");
        assertThat(ada.badge()).isEmpty();
        assertThat(ada.lastSignIn()).isEqualTo("2026-11-25 08:00");
        assertThat(ada.lockedUntil()).isEqualTo(UserRows.NONE);
        assertThat(ada.signInMethod()).isEqualTo("password");
        UserRow olivia = row(vm, "olivia");
        assertThat(olivia.badge()).isEqualTo(UserRows.BADGE_LOCKED);
        assertThat(olivia.lockedUntil()).isEqualTo("2026-11-25 10:10");
        assertThat(olivia.failedAttempts()).isEqualTo("5");
        assertThat(olivia.lastSignIn()).isEqualTo(UserRows.NEVER);
        UserRow sam = row(vm, "sam");
        assertThat(sam.status()).isEqualTo("Disabled");
        assertThat(sam.badge()).isEqualTo(UserRows.BADGE_DISABLED);
        assertThat(row(vm, "quinn.sso").signInMethod()).isEqualTo("single sign-on");
        assertThat(vm.countTextProperty().get()).isEqualTo("4 accounts");
    }

    @Test
    void filterKeepsAccountsWhoseNameContainsTheTextIgnoringCase() {
        UsersViewModel vm = vm();
        vm.setFilter("  OLI ");
        assertThat(vm.rows()).extracting(UserRow::username).containsExactly("olivia");
        assertThat(vm.countTextProperty().get()).isEqualTo("1 of 4 accounts");
        vm.setFilter("supervisor");
        assertThat(vm.rows()).extracting(UserRow::username).containsExactly("sam");
        vm.setFilter("");
        assertThat(vm.rows()).hasSize(4);
    }

    @Test
    void filteringOutTheSelectedAccountClearsTheSelectionAndDisablesItsCommands() {
        UsersViewModel vm = vm();
        vm.select(row(vm, "olivia"));
        assertThat(vm.disableCommand().isDisabled()).isFalse();
        vm.setFilter("sam");
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.disableCommand().isDisabled()).isTrue();
        assertThat(vm.disableCommand().tooltip()).isEqualTo(UserCommands.NO_SELECTION_TOOLTIP);
    }

    @Test
    void withoutASelectionOnlyNewUserIsEnabled() {
        UsersViewModel vm = vm();
        assertThat(vm.newUserCommand().isDisabled()).isFalse();
        for (UserCommand c : List.of(vm.changeRoleCommand(), vm.disableCommand(), vm.enableCommand(),
                vm.resetPasswordCommand(), vm.unlockCommand())) {
            assertThat(c.isDisabled()).isTrue();
            assertThat(c.tooltip()).isEqualTo(UserCommands.NO_SELECTION_TOOLTIP);
        }
    }

    @Test
    void anAdminCannotDisableTheirOwnAccount() {
        UsersViewModel vm = vm();
        vm.select(row(vm, "ada"));
        assertThat(vm.disableCommand().isDisabled()).isTrue();
        assertThat(vm.disableCommand().tooltip()).isEqualTo("You cannot disable your own account");
        assertThat(vm.changeRoleCommand().isDisabled()).isFalse();
        assertThat(vm.unlockCommand().isDisabled()).isTrue();
        assertThat(vm.enableCommand().tooltip()).contains("ada is active");
    }

    @Test
    void singleSignOnAccountsGetNoPasswordReset() {
        UsersViewModel vm = vm();
        vm.select(row(vm, "quinn.sso"));
        assertThat(vm.resetPasswordCommand().isDisabled()).isTrue();
        assertThat(vm.resetPasswordCommand().tooltip()).contains("single sign-on");
        vm.select(row(vm, "olivia"));
        assertThat(vm.resetPasswordCommand().isDisabled()).isFalse();
        assertThat(vm.unlockCommand().isDisabled()).isFalse();
    }

    @Test
    void aDisabledAccountCanBeEnabledButNotDisabledAgain() {
        UsersViewModel vm = vm();
        vm.select(row(vm, "sam"));
        assertThat(vm.disableCommand().isDisabled()).isTrue();
        assertThat(vm.enableCommand().isDisabled()).isFalse();
        assertThat(vm.enablePrompt()).get().satisfies(p -> assertThat(p.header()).contains("Sam Supervisor (sam)"));
    }

    @Test
    void aRoleWithoutManageUsersGetsEveryCommandDisabledWithTheReasonAndNoList() {
        current = operator;
        UsersViewModel vm = vm();
        String why = Permissions.whyNot(Role.OPERATOR, Permission.MANAGE_USERS).orElseThrow();
        assertThat(vm.newUserCommand().isDisabled()).isTrue();
        assertThat(vm.newUserCommand().tooltip()).isEqualTo(why);
        assertThat(vm.unlockCommand().tooltip()).isEqualTo(why);
        assertThat(vm.rows()).isEmpty();
        assertThat(calls).doesNotContain("list");
        assertThat(vm.messageProperty().get()).isEqualTo(why);
        assertThat(vm.messageErrorProperty().get()).isTrue();
    }

    @Test
    void withoutAccountServicesTheViewSaysItIsNotAvailable() {
        UsersViewModel vm = new UsersViewModel(Optional.empty(), () -> admin,
                BackgroundTasks.synchronous().lane("users"), clock);
        vm.refresh();
        assertThat(vm.available()).isFalse();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.newUserCommand().isDisabled()).isTrue();
        assertThat(vm.newUserCommand().tooltip()).isEqualTo(UserCommands.UNAVAILABLE);
    }

    @Test
    void creatingHandsTheOneTimePasswordOverOnceAndSelectsTheNewAccount() {
        UsersViewModel vm = vm();
        List<UsersViewModel.IssuedPassword> issued = new ArrayList<>();
        vm.setOnPasswordIssued(issued::add);
        vm.create(" j.doe ", "Jane Doe", Role.SUPERVISOR);
        assertThat(calls).contains("create j.doe");
        assertThat(issued).singleElement().satisfies(p -> {
            assertThat(new String(p.password())).isEqualTo("abcd-efgh-jkmn-pqrs");
            assertThat(p.instruction()).isEqualTo("Give this one-time password to Jane Doe in person; it must be"
                    + " changed at the first sign-in");
            assertThat(p.toString()).doesNotContain("abcd");
            p.wipe();
            assertThat(p.password()).containsOnly('\0');
        });
        assertThat(vm.selectedProperty().get().username()).isEqualTo("j.doe");
        assertThat(vm.messageProperty().get()).isEqualTo("Created Jane Doe (j.doe) as Supervisor.");
        assertThat(vm.messageErrorProperty().get()).isFalse();
    }

    @Test
    void aRefusedCommandIsShownInWordsAndTheScreenKeepsWorking() {
        UsersViewModel vm = vm();
        vm.select(row(vm, "olivia"));
        failNext = new AuthException(AuthException.Reason.LAST_ADMIN,
                "This is the last active Admin: make someone else Admin first.");
        vm.changeRole(Role.SUPERVISOR, "moved");
        assertThat(vm.messageProperty().get()).isEqualTo("The role of olivia was not changed: This is the last active"
                + " Admin: make someone else Admin first.");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.changeRoleCommand().isDisabled()).isFalse();

        failNext = new AccessDeniedException(Permission.MANAGE_USERS, "An Operator may not manage user accounts.");
        vm.disable("left");
        assertThat(vm.messageProperty().get()).isEqualTo("olivia was not disabled: An Operator may not manage user"
                + " accounts.");

        failNext = new IllegalStateException("disk I/O error");
        vm.unlock("called");
        assertThat(vm.messageProperty().get()).isEqualTo("olivia was not unlocked: unexpected error (disk I/O"
                + " error).");

        vm.changeRole(Role.SUPERVISOR, "moved to shift lead");
        assertThat(row(vm, "olivia").roleText()).isEqualTo("Supervisor");
        assertThat(vm.selectedProperty().get().username()).isEqualTo("olivia");
        assertThat(vm.messageProperty().get()).isEqualTo("Changed the role of Olivia Operator (olivia) from Operator"
                + " to Supervisor.");
        assertThat(vm.messageErrorProperty().get()).isFalse();
    }

    @Test
    void aReasonIsRequiredAndEveryPromptNamesTheAccount() {
        assertThat(UsersViewModel.reasonGiven("  ")).isFalse();
        assertThat(UsersViewModel.reasonGiven(null)).isFalse();
        assertThat(UsersViewModel.reasonGiven("left the company")).isTrue();
        UsersViewModel vm = vm();
        assertThat(vm.disablePrompt()).isEmpty();
        vm.select(row(vm, "olivia"));
        for (var p : List.of(vm.changeRolePrompt(), vm.disablePrompt(), vm.resetPasswordPrompt(),
                vm.unlockPrompt())) {
            assertThat(p).get().satisfies(x -> assertThat(x.header()).contains("Olivia Operator (olivia)"));
        }
    }

    @Test
    void whileACommandRunsTheOthersWait() throws Exception {
        accounts.add(account(UUID.randomUUID(), "olivia", "Olivia Operator", Role.OPERATOR, AccountStatus.ACTIVE, 0,
                null, null, null));
        ManualFx fx = new ManualFx();
        BackgroundTasks tasks = BackgroundTasks.threaded(fx, clock);
        listGate = new CountDownLatch(1);
        try {
            UsersViewModel vm = new UsersViewModel(Optional.of(fake), () -> current, tasks.lane("users"), clock);
            vm.refresh();
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(vm.newUserCommand().isDisabled()).isTrue();
            assertThat(vm.newUserCommand().tooltip()).isEqualTo(UserCommands.BUSY_TOOLTIP);
            assertThat(tasks.recent()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("Read the user accounts");
                assertThat(t.lane()).isEqualTo("users");
            });
            listGate.countDown();
            fx.runUntil(() -> !vm.busyProperty().get());
            assertThat(vm.rows()).hasSize(1);
            assertThat(vm.newUserCommand().isDisabled()).isFalse();
        } finally {
            listGate.countDown();
            tasks.close();
        }
    }

    @Test
    void everyAccountCommandRunsAsANamedTaskOnTheUsersLane() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        accounts.add(account(UUID.randomUUID(), "olivia", "Olivia Operator", Role.OPERATOR, AccountStatus.ACTIVE, 2,
                null, null, null));
        UsersViewModel vm = new UsersViewModel(Optional.of(fake), () -> current, tasks.lane("users"), clock);
        vm.refresh();
        vm.select(row(vm, "olivia"));
        vm.resetPassword("forgot it");
        vm.unlock("called");
        vm.changeRole(Role.SUPERVISOR, "shift lead");
        assertThat(tasks.recent()).extracting(io.plantconsole.ui.task.BackgroundTask::name)
                .contains("Reset password of olivia", "Unlock account olivia",
                        "Change the role of olivia to Supervisor", "Read the user accounts");
        assertThat(tasks.recent()).allSatisfy(t -> assertThat(t.lane()).isEqualTo("users"));
    }

    @Test
    void aCommandSubmittedWhileTheConsoleClosesSaysSoAndChangesNothing() {
        BackgroundTasks tasks = BackgroundTasks.synchronous();
        accounts.add(account(UUID.randomUUID(), "olivia", "Olivia Operator", Role.OPERATOR, AccountStatus.ACTIVE, 0,
                null, null, null));
        UsersViewModel vm = new UsersViewModel(Optional.of(fake), () -> current, tasks.lane("users"), clock);
        vm.refresh();
        vm.select(row(vm, "olivia"));
        tasks.close();
        vm.disable("left");
        assertThat(calls).doesNotContain("disable left");
        assertThat(vm.messageProperty().get()).isEqualTo("olivia was not disabled: cancelled: the console is"
                + " closing.");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
