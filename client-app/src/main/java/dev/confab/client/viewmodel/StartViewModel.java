package dev.confab.client.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The start screen: host or join, then (when the server asks) sign in, create an account or go on as a guest. */
public final class StartViewModel {
    /** Which part of the start screen shows. */
    public enum Page { CHOOSE, SIGN_IN }

    private final AppViewModel app;
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty creatingAccount = new SimpleBooleanProperty();
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.CHOOSE);
    private final ObservableList<String> recentServers = FXCollections.observableArrayList();
    private final ObservableList<FoundItem> found = FXCollections.observableArrayList();
    private final ObservableList<CheckItem> networkCheck = FXCollections.observableArrayList();
    final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(true);
    final ReadOnlyBooleanWrapper nothingFound = new ReadOnlyBooleanWrapper();
    final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper serverLabel = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper serverAddress = new ReadOnlyStringWrapper("");
    final ReadOnlyBooleanWrapper guestsAllowed = new ReadOnlyBooleanWrapper();
    final ReadOnlyBooleanWrapper registrationAllowed = new ReadOnlyBooleanWrapper();

    StartViewModel(AppViewModel app) {
        this.app = app;
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty creatingAccountProperty() {
        return creatingAccount;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ObservableList<String> recentServers() {
        return recentServers;
    }

    /** Servers announced on the local network, live, sorted by name. */
    public ObservableList<FoundItem> found() {
        return found;
    }

    /** True while the first search of the network runs and nothing is found yet. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    /** True when the search settled with nothing found: the view then shows {@link #networkCheck()}. */
    public ReadOnlyBooleanProperty nothingFoundProperty() {
        return nothingFound.getReadOnlyProperty();
    }

    /** Why nothing is found, most likely cause first; filled when {@link #nothingFoundProperty()} turns true. */
    public ObservableList<CheckItem> networkCheck() {
        return networkCheck;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty busyTextProperty() {
        return busyText.getReadOnlyProperty();
    }

    /** The reason the last step failed, in words; empty when nothing failed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "Sign in to chat.acme.io". */
    public ReadOnlyStringProperty serverLabelProperty() {
        return serverLabel.getReadOnlyProperty();
    }

    /** "at 10.0.0.5:7480". */
    public ReadOnlyStringProperty serverAddressProperty() {
        return serverAddress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty guestsAllowedProperty() {
        return guestsAllowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty registrationAllowedProperty() {
        return registrationAllowed.getReadOnlyProperty();
    }

    public void host() {
        app.host();
    }

    public void join() {
        app.join(address.get());
    }

    public void joinRecent(String server) {
        address.set(server);
        app.join(server);
    }

    /** Joins a server from the "Found on your network" list. */
    public void joinFound(FoundItem item) {
        address.set(item.address());
        app.join(item.address());
    }

    /** Runs the network check again (the user changed something). */
    public void checkNetworkAgain() {
        app.checkNetwork();
    }

    /** Signs in or creates the account, as the toggle says. */
    public void submit() {
        if (creatingAccount.get()) {
            app.createAccount(username.get().strip(), password.get());
        } else {
            app.signIn(username.get().strip(), password.get());
        }
    }

    public void continueAsGuest() {
        app.guest(username.get().strip());
    }

    public void back() {
        app.backToStart();
    }

    void showError(String text) {
        busy.set(false);
        error.set(text);
    }
}
