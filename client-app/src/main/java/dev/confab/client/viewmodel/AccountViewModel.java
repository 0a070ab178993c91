package dev.confab.client.viewmodel;

import dev.confab.client.session.AccountOutcome;
import dev.confab.client.session.ChatSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The account dialog: change the password (current, new, repeated) or sign out everywhere. Requests go to the
 * session off the FX thread; the answer comes back as {@link #messageProperty()} (and {@link #doneProperty()} once
 * it succeeded). The fields are cleared after every attempt, so no password stays in memory longer than needed.
 */
public final class AccountViewModel {
    private final ChatSession session;
    private final Executor commands;
    private final Executor fx;
    private final StringProperty currentPassword = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final StringProperty repeatedPassword = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper();

    AccountViewModel(ChatSession session, Executor commands, Executor fx) {
        this.session = session;
        this.commands = commands;
        this.fx = fx;
    }

    public StringProperty currentPasswordProperty() {
        return currentPassword;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public StringProperty repeatedPasswordProperty() {
        return repeatedPassword;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once a change or sign-out succeeded (the dialog may close). */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** Changes the password when the two new ones match. */
    public void changePassword() {
        String current = currentPassword.get();
        String next = newPassword.get();
        boolean same = next.equals(repeatedPassword.get());
        clearFields();
        if (!same) {
            message.set(Texts.get("account.mismatch"));
            return;
        }
        run(() -> session.changePassword(current, next), Texts.get("account.changed"));
    }

    /** Signs out on every device; the app returns to the sign-in screen. */
    public void logout() {
        clearFields();
        run(session::logout, Texts.get("account.signedOut"));
    }

    private void run(Supplier<CompletableFuture<AccountOutcome>> request, String success) {
        busy.set(true);
        message.set("");
        commands.execute(() -> request.get().thenAccept(outcome -> fx.execute(() -> {
            busy.set(false);
            switch (outcome) {
                case AccountOutcome.Done ok -> {
                    message.set(success);
                    done.set(true);
                }
                case AccountOutcome.Refused refused -> message.set(refused.message());
            }
        })));
    }

    private void clearFields() {
        currentPassword.set("");
        newPassword.set("");
        repeatedPassword.set("");
    }
}
