package io.plantconsole.auth;

import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.OneTimePasswords;
import io.plantconsole.auth.service.PasswordHasher;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.auth.view.SignInController;
import io.plantconsole.auth.view.SignInViewModel;
import io.plantconsole.auth.view.UserAccounts;
import io.plantconsole.auth.view.UsersController;
import io.plantconsole.auth.view.UsersViewModel;
import io.plantconsole.infra.crypto.Argon2idPasswordHasher;
import io.plantconsole.infra.db.SqliteSignatureStore;
import io.plantconsole.infra.db.SqliteUserStore;
import io.plantconsole.kernel.KernelServices;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.ui.FeatureScreens;
import io.plantconsole.ui.ScreenContext;
import io.plantconsole.ui.ScreenSpec;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The identity feature's wiring: sign-in (local accounts, optional single sign-on), account administration,
 * electronic signatures, the sign-in gate and the Users screen. It publishes who is signed in ({@link #session()})
 * as the port every other feature's permission checks read.
 */
public final class AuthFeature implements FeatureScreens {
    public static final String USERS = "users";
    public static final String STYLESHEET = "/styles/auth.css";

    private final LoginService login;
    private final UserAdminService users;
    private final SignatureService signatures;
    private final Optional<SingleSignOn> sso;
    private final Optional<RoleMapping> roles;
    private final Supplier<String> signInHint;

    /**
     * @param signInHint a line under the sign-in form (demo: the demo users), or empty; read when the gate is built
     */
    public AuthFeature(LoginService login, UserAdminService users, SignatureService signatures,
            Optional<SingleSignOn> sso, Optional<RoleMapping> roles, Supplier<String> signInHint) {
        this.login = Objects.requireNonNull(login, "login");
        this.users = Objects.requireNonNull(users, "users");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.sso = Objects.requireNonNull(sso, "sso");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.signInHint = Objects.requireNonNull(signInHint, "signInHint");
    }

    /** Accounts in the local store (Argon2id), with the site's single sign-on when it has one. */
    public static AuthFeature local(KernelServices kernel, Optional<SingleSignOn> sso, Optional<RoleMapping> roles,
            Supplier<String> signInHint) {
        SqliteUserStore accounts = new SqliteUserStore();
        PasswordHasher hasher = new Argon2idPasswordHasher();
        LoginService login = new LoginService(kernel.transactions(), accounts, hasher, kernel.audit(), kernel.clock(),
                kernel.ids(), LoginService.Settings.defaults(), kernel.keyedHash());
        UserAdminService users = new UserAdminService(kernel.transactions(), accounts, hasher, kernel.audit(),
                new OneTimePasswords(new SecureRandom()), login::currentChecked, kernel.clock(), kernel.ids());
        SignatureService signatures = new SignatureService(kernel.transactions(), login, new SqliteSignatureStore(),
                accounts, kernel.audit(), kernel.clock(), kernel.ids());
        return new AuthFeature(login, users, signatures, sso, roles, signInHint);
    }

    /**
     * Who is signed in, for service commands: role and account status re-read from the store at every call (blocks
     * on disk), so a demoted or disabled person loses the right at once. Null when nobody is.
     */
    public Supplier<Session> session() {
        return login::currentChecked;
    }

    /** Who is signed in as the screens show it (never blocks; FX thread). */
    public Supplier<Session> shownSession() {
        return login::current;
    }

    public LoginService login() {
        return login;
    }

    public UserAdminService users() {
        return users;
    }

    public SignatureService signatures() {
        return signatures;
    }

    public Optional<SingleSignOn> singleSignOn() {
        return sso;
    }

    public Optional<RoleMapping> roleMapping() {
        return roles;
    }

    @Override
    public List<ScreenSpec> screens(ScreenContext ctx) {
        return List.of(new ScreenSpec(USERS, "Users", "Accounts, roles and lockouts", "/fxml/auth/Users.fxml",
                STYLESHEET, Permission.MANAGE_USERS, UsersController.class,
                () -> new UsersController(new UsersViewModel(Optional.of(UserAccounts.of(users)),
                        login::current, ctx.tasks().lane("users"), ctx.clock()))));
    }

    @Override
    public void registerControllers(ScreenContext ctx, BiConsumer<Class<?>, Supplier<?>> registry) {
        registry.accept(SignInController.class, () -> new SignInController(
                new SignInViewModel(login, sso, roles, ctx.tasks().lane("auth")), signInHint.get()));
    }
}
