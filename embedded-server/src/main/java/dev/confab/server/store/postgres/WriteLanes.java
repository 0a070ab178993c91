package dev.confab.server.store.postgres;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Write threads, one per lane; a room always uses the same lane, so this node's writes to one room run and
 * complete in the order they were submitted (as with the SQLite writer), while different rooms write in parallel.
 * Each lane's queue is bounded: a full one refuses the write at once as busy.
 */
final class WriteLanes {
    private final List<ThreadPoolExecutor> lanes = new ArrayList<>();

    WriteLanes(int count, int queueCapacity) {
        for (int i = 0; i < count; i++) {
            String name = "confab-pg-writer-" + i;
            lanes.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                    r -> {
                        Thread thread = new Thread(r, name);
                        thread.setDaemon(true);
                        return thread;
                    }));
        }
    }

    <T> CompletableFuture<T> submit(RoomName room, Supplier<T> write) {
        ThreadPoolExecutor lane = lanes.get(Math.floorMod(room.value().hashCode(), lanes.size()));
        try {
            return CompletableFuture.supplyAsync(write, lane);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreException(
                    lane.isShutdown() ? "the store is closed" : "too many writes are waiting", !lane.isShutdown()));
        }
    }

    int queued() {
        return lanes.stream().mapToInt(lane -> lane.getQueue().size()).sum();
    }

    /** Finishes the accepted writes; false when they did not finish within the timeout. */
    boolean close(long timeoutMillis) throws InterruptedException {
        lanes.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean finished = true;
        for (ThreadPoolExecutor lane : lanes) {
            long left = Math.max(0, deadline - System.nanoTime());
            finished &= lane.awaitTermination(left, TimeUnit.NANOSECONDS);
        }
        return finished;
    }
}
