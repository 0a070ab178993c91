package dev.confab.server.cli;

import dev.confab.server.ServerConfig;
import dev.confab.server.ServerConfigBuilder;
import dev.confab.server.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code confab-server.jar}. Each setting comes from its flag, else its environment variable,
 * else the default: defaults &lt; environment &lt; command line.
 */
final class ServerCommand {
    /** Not settings: they make the command copy the database instead of serving. */
    static final String BACKUP = "--backup";
    static final String BACKUP_TO = "--backup-to";

    private ServerCommand() {
    }

    /** What the command line asks for. */
    sealed interface Request {
        /** Print this text (help or version) and exit successfully. */
        record Print(String text) implements Request {
        }

        /** Run a server with this configuration. */
        record Run(ServerConfig config) implements Request {
        }

        /** Copy the database of {@code config.dataDir()} to {@code target} (null: into its backups/) and exit. */
        record Backup(ServerConfig config, @Nullable Path target) implements Request {
        }

        /** The command line is wrong; print this and exit with status 2. */
        record Invalid(String message) implements Request {
        }
    }

    /** Reads the arguments and environment into a request. */
    static Request parse(String[] args, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new Request.Invalid(e.getMessage() + System.lineSeparator()
                    + "Run with --help to see every option.");
        }
        if (result.isUsageHelpRequested()) {
            return new Request.Print(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        if (result.isVersionHelpRequested()) {
            return new Request.Print("confab-server " + Version.current());
        }
        // The standalone host serves /metrics and /health and announces itself unless told otherwise; an embedding
        // app decides for itself.
        ServerConfigBuilder builder = ServerConfig.builder()
                .adminPort(ServerConfig.Deployment.STANDALONE_ADMIN_PORT).announce(true);
        String password = environment.get(Settings.STORE_PASSWORD_VARIABLE);
        if (password != null && !password.isEmpty()) {
            builder.storePassword(password);
        }
        String keyStorePassword = environment.get(Settings.TLS_KEYSTORE_PASSWORD_VARIABLE);
        if (keyStorePassword != null) {
            builder.tlsKeyStorePassword(keyStorePassword);
        }
        for (Setting setting : Settings.ALL) {
            Optional<String> value = valueOf(setting, result, environment);
            if (value.isPresent()) {
                try {
                    setting.apply().accept(builder, value.get());
                } catch (IllegalArgumentException e) {
                    return new Request.Invalid(setting.flag() + " (or " + setting.environmentVariable() + "): "
                            + e.getMessage());
                }
            }
        }
        ServerConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            return new Request.Invalid("invalid settings: " + e.getMessage());
        }
        if (result.hasMatchedOption(BACKUP_TO)) {
            return new Request.Backup(config, Path.of(result.matchedOptionValue(BACKUP_TO, "")));
        }
        return result.hasMatchedOption(BACKUP) ? new Request.Backup(config, null) : new Request.Run(config);
    }

    /** Prints the usage to a stream. */
    static void usage(PrintStream out) {
        new CommandLine(spec()).usage(out, CommandLine.Help.Ansi.OFF);
    }

    private static Optional<String> valueOf(Setting setting, ParseResult result, Map<String, String> environment) {
        if (setting.isSwitch()) {
            // The last of --x / --no-x on the command line wins.
            int on = result.hasMatchedOption(setting.flag()) ? lastIndex(result, setting.flag()) : -1;
            int off = result.hasMatchedOption(setting.negatedFlag()) ? lastIndex(result, setting.negatedFlag()) : -1;
            if (on >= 0 || off >= 0) {
                return Optional.of(on > off ? "true" : "false");
            }
        } else if (result.hasMatchedOption(setting.flag())) {
            return Optional.of(result.matchedOptionValue(setting.flag(), ""));
        }
        return Optional.ofNullable(environment.get(setting.environmentVariable())).filter(v -> !v.isBlank());
    }

    private static int lastIndex(ParseResult result, String flag) {
        return result.originalArgs().lastIndexOf(flag);
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("confab-server").mixinStandardHelpOptions(true)
                .version("confab-server " + Version.current());
        spec.usageMessage().description("Runs a Confab chat server. Every option can also be set with the "
                + "environment variable shown; a flag wins over the environment.")
                .sortOptions(false);
        for (Setting setting : Settings.ALL) {
            String help = setting.description() + " Env " + setting.environmentVariable() + ". Default: "
                    + setting.defaultText() + ".";
            if (setting.isSwitch()) {
                spec.addOption(OptionSpec.builder(setting.flag()).arity("0").type(boolean.class)
                        .description(help).build());
                spec.addOption(OptionSpec.builder(setting.negatedFlag()).arity("0").type(boolean.class)
                        .description("Turn " + setting.flag() + " off.").build());
            } else {
                spec.addOption(OptionSpec.builder(setting.flag()).paramLabel(setting.label()).type(String.class)
                        .description(help).build());
            }
        }
        spec.addOption(OptionSpec.builder(BACKUP).arity("0").type(boolean.class)
                .description("Instead of serving: like --backup-to, into the data directory's backups/ as "
                        + "confab-<UTC time>.db; then exit.").build());
        spec.addOption(OptionSpec.builder(BACKUP_TO).paramLabel("FILE").type(String.class)
                .description("Instead of serving: write a consistent copy of the database (safe while a server "
                        + "runs) to FILE, which must not exist, with a new epoch; then exit.").build());
        return spec;
    }
}
