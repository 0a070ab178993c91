package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outbox kept in one small file, rewritten whole through a temporary file and an atomic rename after every
 * change (and forced to disk first), so a crash leaves either the old or the new file, never half of one. The
 * outbox holds only unsent messages, so the file stays tiny.
 */
public final class FileOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

    private final Path file;
    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

    private FileOutbox(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the outbox in {@code file}; a damaged file is set aside, not silently lost. */
    public static FileOutbox open(Path file) {
        FileOutbox outbox = new FileOutbox(file);
        outbox.load();
        return outbox;
    }

    @Override
    public synchronized void add(OutboxEntry entry) {
        entries.put(entry.clientId(), entry);
        try {
            save();
        } catch (UncheckedIOException e) {
            // Not stored, so not kept either: a later save must not write (and a restart send) what the caller
            // was told failed and will hand back to the user.
            entries.remove(entry.clientId());
            throw e;
        }
    }

    @Override
    public synchronized void remove(String clientId) {
        if (entries.remove(clientId) != null) {
            save();
        }
    }

    @Override
    public synchronized List<OutboxEntry> entries() {
        return List.copyOf(entries.values());
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
            int count = Integer.parseInt(props.getProperty("count", "0"));
            List<OutboxEntry> loaded = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String p = i + ".";
                String reply = props.getProperty(p + "replyTo", "");
                loaded.add(new OutboxEntry(props.getProperty(p + "clientId"), props.getProperty(p + "username"),
                        RoomName.of(props.getProperty(p + "room")), props.getProperty(p + "content"),
                        reply.isEmpty() ? null : Long.valueOf(reply),
                        Instant.parse(props.getProperty(p + "createdAt"))));
            }
            loaded.forEach(e -> entries.put(e.clientId(), e));
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
            LOG.error("Outbox {} is unreadable; moved it to {}", file, aside, e);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                LOG.error("Could not move the damaged outbox aside", moveFailed);
            }
        }
    }

    private void save() {
        Properties props = new Properties();
        int i = 0;
        for (OutboxEntry e : entries.values()) {
            String p = i++ + ".";
            props.setProperty(p + "clientId", e.clientId());
            props.setProperty(p + "username", e.username());
            props.setProperty(p + "room", e.room().value());
            props.setProperty(p + "content", e.content());
            props.setProperty(p + "replyTo", e.replyTo() == null ? "" : e.replyTo().toString());
            props.setProperty(p + "createdAt", e.createdAt().toString());
        }
        props.setProperty("count", Integer.toString(i));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
                 Writer writer = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                props.store(writer, "Confab outbox: messages not yet stored by the server");
                writer.flush();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outbox " + file, e);
        }
    }
}
