package dev.confab.server.store;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * History and rooms. Writes go through one writer (group commit) and complete their future only after COMMIT, so
 * a completed append is durable; a failed write completes exceptionally with {@link StoreException}. Reads run on
 * their own connections, never behind the writer, and may be called from any thread.
 */
public interface MessageStore extends AutoCloseable {

    /** Names the history the seqs count in; stays the same for the life of the data, changes on restore. */
    String epoch();

    /**
     * Stores a message with its room's next seq (1, 2, 3, ... with no gaps). When the same user already stored a
     * message with the same client id in that room, nothing is written and the stored one is returned as a
     * duplicate. Creates the room if it does not exist.
     */
    CompletableFuture<AppendResult> append(NewMessage message);

    /** Replaces the content of a message, if {@code userId} wrote it. */
    CompletableFuture<ChangeResult> edit(RoomName room, long seq, String userId, MessageContent content, Instant at);

    /** Marks a message deleted and drops its content, if {@code userId} wrote it. */
    CompletableFuture<ChangeResult> delete(RoomName room, long seq, String userId);

    /** Up to {@code limit} messages with a seq below {@code before} (or the newest, if null), oldest first. */
    List<StoredMessage> page(RoomName room, @Nullable Long before, int limit);

    /** Up to {@code limit} messages with a seq above {@code after}, oldest first. */
    List<StoredMessage> since(RoomName room, long after, int limit);

    /** One message by its seq. */
    Optional<StoredMessage> find(RoomName room, long seq);

    /** The seq of the room's newest message, 0 when it has none or does not exist. */
    long lastSeq(RoomName room);

    /** Creates the room if it does not exist yet (a room exists from its first join, with or without messages). */
    void ensureRoom(RoomName room);

    /** Every room, by name. */
    List<RoomInfo> rooms();

    /** Records that a registered user is a member of a room until they leave it. */
    void addMember(RoomName room, String userId);

    /** Records that a user left a room. */
    void removeMember(RoomName room, String userId);

    /** The registered users who joined the room and have not left it. */
    List<Member> members(RoomName room);

    /** A registered member of a room. */
    record Member(String userId, String username) {
    }

    /** Finishes the writes already accepted, then closes every connection. */
    @Override
    void close();
}
