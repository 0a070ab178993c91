package dev.confab.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aTaskSubmittedWhileIdleRunsOnTheSubmittingThread() {
        SerialExecutor strand = new SerialExecutor(pool);
        Thread[] ranOn = new Thread[1];

        strand.executeHereIfIdle(() -> ranOn[0] = Thread.currentThread());

        assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    }

    @Test
    void aTaskSubmittedWhileAnotherRunsWaitsItsTurn() throws Exception {
        SerialExecutor strand = new SerialExecutor(pool);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(3);
        strand.execute(() -> {
            firstStarted.countDown();
            awaitQuietly(releaseFirst);
            order.add("first");
            allDone.countDown();
        });
        firstStarted.await();

        strand.executeHereIfIdle(() -> {
            order.add("second");
            allDone.countDown();
        });
        strand.executeHereIfIdle(() -> {
            order.add("third");
            allDone.countDown();
        });
        assertThat(order).as("nothing ran ahead of the running task").isEmpty();
        releaseFirst.countDown();

        assertThat(allDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("first", "second", "third");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
