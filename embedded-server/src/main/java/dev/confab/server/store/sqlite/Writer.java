package dev.confab.server.store.sqlite;

import dev.confab.server.store.StoreException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. Writes wait in a FIFO queue; the thread takes the first, drains up to
 * {@code maxBatch - 1} more that are already waiting, runs them all in one {@code BEGIN IMMEDIATE … COMMIT}
 * and completes their futures only after COMMIT (group commit: under load many writes share one fsync). When a
 * batch fails it is rolled back, each of its futures fails with {@link StoreException}, and the next batch runs.
 *
 * <p>Futures are completed on a second thread, batch after batch in commit order, so what follows a write (the
 * broadcast of a message to its room, which for a big room is most of the work) runs while the writer commits the
 * next batch instead of before it.
 *
 * <p>Bounded writes (messages) count against {@code queueCapacity} and are refused at once when it is reached;
 * unbounded ones (rooms, membership, accounts: rare, one per person's action) are always queued, so that a join
 * never fails because of a burst of messages.
 */
final class Writer {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);

    private record Task<T>(WriteOp<T> op, CompletableFuture<T> future, boolean bounded) {
    }

    /** Put last into the queue by {@link #close}; nothing is accepted after it. */
    private static final Task<Void> STOP = new Task<>(context -> null, new CompletableFuture<>(), false);

    private final WriteContext context;
    private final int queueCapacity;
    private final int maxBatch;
    private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger boundedQueued = new AtomicInteger();
    private final ReentrantLock submitLock = new ReentrantLock();
    private final Thread thread;
    private final ExecutorService completions;
    private final int completionPermitCount;
    private final Semaphore completionPermits;
    private volatile Thread completionThread;
    private boolean closed;

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();

    Writer(SqliteDatabase database) {
        this.context = new WriteContext(database.writeConnection());
        this.queueCapacity = database.config().queueCapacity();
        this.maxBatch = database.config().maxBatch();
        this.completionPermitCount = Math.max(queueCapacity, maxBatch);
        this.completionPermits = new Semaphore(completionPermitCount);
        this.thread = Thread.ofPlatform().name("confab-store-writer").daemon(true).unstarted(this::run);
        // One thread: continuations run in commit order, which keeps a room's broadcasts in seq order.
        this.completions = Executors.newSingleThreadExecutor(task -> {
            Thread completer = Thread.ofPlatform().name("confab-store-completions").daemon(true).unstarted(task);
            completionThread = completer;
            return completer;
        });
        thread.start();
    }

    /**
     * Queues a write. A bounded write over capacity, or any write after {@link #close}, gets a future that has
     * already failed with {@link StoreException} (busy in the first case).
     */
    <T> CompletableFuture<T> submit(WriteOp<T> op, boolean bounded) {
        CompletableFuture<T> future = new CompletableFuture<>();
        submitLock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new StoreException("the store is closed", false));
            }
            if (bounded && boundedQueued.incrementAndGet() > queueCapacity) {
                boundedQueued.decrementAndGet();
                return CompletableFuture.failedFuture(new StoreException(
                        "the store is busy: " + queueCapacity + " writes are waiting", true));
            }
            queue.add(new Task<>(op, future, bounded));
        } finally {
            submitLock.unlock();
        }
        return future;
    }

    /** True on the writer thread or the thread completing its writes, where waiting for a write would wait forever. */
    boolean onWriterThread() {
        Thread current = Thread.currentThread();
        return current == thread || current == completionThread;
    }

    /** The lock that orders submissions; a caller holding it can keep other state in step with the queue order. */
    ReentrantLock submitLock() {
        return submitLock;
    }

    long transactions() {
        return transactions.get();
    }

    long writes() {
        return writes.get();
    }

    long failedBatches() {
        return failedBatches.get();
    }

    int queued() {
        return queue.size();
    }

    /** Accepts nothing more, finishes every accepted write, and stops the thread (waiting up to the timeout). */
    boolean close(long timeoutMillis) {
        submitLock.lock();
        try {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        } finally {
            submitLock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            thread.join(timeoutMillis);
            // The writer queues its last completions before it ends: let them run (they answer clients).
            completions.shutdown();
            completions.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive() && completions.isTerminated();
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        try {
            while (!stopping) {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                // STOP is the last task ever queued, so it can only be the last one drained.
                if (batch.getLast() == STOP) {
                    batch.removeLast();
                    stopping = true;
                }
                int bounded = (int) batch.stream().filter(Task::bounded).count();
                boundedQueued.addAndGet(-bounded);
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            LOG.error("The store writer was interrupted; the writes still queued fail");
        } finally {
            failRemaining(batch);
            context.close();
        }
    }

    /** Whatever is left when the thread ends for any reason fails rather than waiting forever. */
    private void failRemaining(List<Task<?>> batch) {
        submitLock.lock();
        try {
            closed = true;
        } finally {
            submitLock.unlock();
        }
        StoreException stopped = new StoreException("the store writer stopped", false);
        batch.forEach(task -> task.future().completeExceptionally(stopped));
        Task<?> task;
        while ((task = queue.poll()) != null) {
            task.future().completeExceptionally(stopped);
        }
    }

    private void runBatch(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try (Statement statement = context.connection().createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                for (Task<?> task : batch) {
                    results.add(task.op().apply(context));
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(statement);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // The boundary of the writer: log once, fail the batch, keep serving.
            failedBatches.incrementAndGet();
            context.reset();
            LOG.error("A write transaction of {} writes failed and was rolled back: {}", batch.size(), e.toString());
            StoreException failure = new StoreException("the database write failed: " + e.getMessage(), e);
            List<Task<?>> failed = List.copyOf(batch);
            handOff(failed, () -> failed.forEach(task -> task.future().completeExceptionally(failure)));
            return;
        }
        transactions.incrementAndGet();
        writes.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                committed(batch.get(i), results.get(i));
            } catch (RuntimeException e) {
                // The data is committed; only an in-memory view missed the news. Log it, still acknowledge.
                LOG.error("Updating in-memory state after a commit failed", e);
            }
        }
        List<Task<?>> done = List.copyOf(batch);
        handOff(done, () -> {
            for (int i = 0; i < done.size(); i++) {
                complete(done.get(i), results.get(i));
            }
        });
    }

    /**
     * Queues a batch's completions. At most {@link #completionPermits} writes may wait for theirs: past that the
     * writer waits too, so that a room slower to broadcast than the disk is to commit fills the write queue (and
     * is refused as busy) instead of piling up committed work without bound.
     */
    private void handOff(List<Task<?>> tasks, Runnable completion) {
        int permits = Math.min(tasks.size(), completionPermitCount);
        completionPermits.acquireUninterruptibly(permits);
        try {
            completions.execute(() -> {
                try {
                    completion.run();
                } finally {
                    completionPermits.release(permits);
                }
            });
        } catch (RuntimeException e) {
            completionPermits.release(permits);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void committed(Task<T> task, Object result) {
        task.op().committed((T) result);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result) {
        task.future().complete((T) result);
    }

    private static void rollbackQuietly(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // Nothing to roll back: BEGIN itself failed, or SQLite rolled back already.
        }
    }
}
