package dev.confab.server.bus;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.RoomInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link GapSource} over the message store, encoding each healed message exactly as a live one. */
public final class StoreGapSource implements GapSource {
    private final MessageStore store;
    private final FrameCodec codec;

    private StoreGapSource(MessageStore store, FrameCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public static StoreGapSource create(MessageStore store) {
        return new StoreGapSource(store, FrameCodec.create());
    }

    @Override
    public long lastSeq(RoomName room) {
        return store.lastSeq(room);
    }

    @Override
    public Map<RoomName, Long> lastSeqs() {
        Map<RoomName, Long> seqs = new HashMap<>();
        for (RoomInfo info : store.rooms()) {
            seqs.put(info.room(), info.lastSeq());
        }
        return seqs;
    }

    @Override
    public List<Missed> missed(RoomName room, long after, int limit) {
        return store.since(room, after, limit).stream()
                .map(m -> new Missed(MessageFrames.toEvent(codec, m), m.userId(), m.clientId())).toList();
    }
}
