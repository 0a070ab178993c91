package dev.confab.server.discovery;

import java.net.InetAddress;
import java.util.Timer;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSTaskStarter;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.ServiceInfoImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.tasks.RecordReaper;
import javax.jmdns.impl.tasks.state.Announcer;
import javax.jmdns.impl.tasks.state.Canceler;
import javax.jmdns.impl.tasks.state.Prober;
import javax.jmdns.impl.tasks.state.Renewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JmDNS's task starter with the pace RFC 6762 asks for when a responder claims its names, installed through JmDNS's
 * own hook ({@link DNSTaskStarter.Factory#setClassDelegate}).
 *
 * <p>Why: stock JmDNS 3.6 probes a fresh responder's host name one second apart (it takes the "never announced"
 * state for a throttled one: {@code Prober.start} picks 250 ms only when the host is already announced) and waits
 * another second before the first announcement, so a new responder is claimed only after about five seconds and a
 * service on it is seen after six or more. RFC 6762 §8.1 says three probes 250 ms apart (the first after a random
 * 0–250 ms), and announcing 250 ms after the last probe; §8.3 two announcements one second apart. Here the probes
 * keep 250 ms unless JmDNS's own conflict throttle (ten probing starts within five seconds) trips, then one second as
 * stock; the first announcement follows 250 ms after the last probe. A fresh responder is claimed in about two
 * seconds, a service registered on a claimed one is announced within about one.
 *
 * <p>On the browsing side, a goodbye (TTL 0) marks the record to expire in one second (RFC 6762 §10.1), but stock
 * JmDNS reaps expired records, and only then tells its listeners that a service went away, every ten seconds: a
 * withdrawn host would linger up to eleven. Here the reaper runs every second.
 *
 * <p>All state tasks (probe, announce, renew, cancel) and the reaper run on one timer thread of ours, as stock JmDNS
 * runs the state tasks on one of its own, so they never race each other; everything else (queries, responses) stays
 * on JmDNS's. The hook is JVM-wide: installed once, it paces every JmDNS instance made afterwards in this process.
 */
public final class RfcPace implements DNSTaskStarter {
    private static final Logger LOG = LoggerFactory.getLogger(RfcPace.class);
    private static final DNSTaskStarter.Factory.ClassDelegate DELEGATE = RfcPace::new;
    /** How often expired records are dropped (and listeners told); JmDNS's own is ten seconds. */
    private static final long REAP_EVERY_MILLIS = 1_000;

    private final JmDNSImpl dns;
    private final DNSTaskStarter stock;
    private final Timer stateTimer;

    private RfcPace(JmDNSImpl dns) {
        this.dns = dns;
        this.stock = new DNSTaskStarter.DNSTaskStarterImpl(dns);
        // Its state timer would idle beside ours; stop its thread now.
        stock.cancelStateTimer();
        this.stateTimer = new DNSTaskStarter.DNSTaskStarterImpl.StarterTimer(
                "JmDNS(" + dns.getName() + ").State.Timer", false);
    }

    /**
     * Makes every JmDNS instance created from now on in this JVM claim its names at RFC 6762's pace and drop
     * withdrawn records within about two seconds. Both the announcing server and the app's browser install it.
     */
    public static synchronized void install() {
        DNSTaskStarter.Factory.ClassDelegate current = DNSTaskStarter.Factory.classDelegate();
        if (current == null) {
            DNSTaskStarter.Factory.setClassDelegate(DELEGATE);
        } else if (current != DELEGATE) {
            LOG.warn("JmDNS already has a task starter ({}); keeping it, announcements may take seconds longer",
                    current.getClass().getName());
        }
    }

    @Override
    public void startProber() {
        new RfcProber(dns).start(stateTimer);
    }

    @Override
    public void startAnnouncer() {
        new PromptAnnouncer(dns).start(stateTimer);
    }

    @Override
    public void startRenewer() {
        new Renewer(dns).start(stateTimer);
    }

    @Override
    public void startCanceler() {
        new Canceler(dns).start(stateTimer);
    }

    @Override
    public void purgeStateTimer() {
        stateTimer.purge();
    }

    @Override
    public void cancelStateTimer() {
        stateTimer.cancel();
    }

    @Override
    public void purgeTimer() {
        stock.purgeTimer();
    }

    @Override
    public void cancelTimer() {
        stock.cancelTimer();
    }

    @Override
    public void startReaper() {
        new PromptReaper(dns).start(stateTimer);
    }

    @Override
    public void startServiceInfoResolver(ServiceInfoImpl info) {
        stock.startServiceInfoResolver(info);
    }

    @Override
    public void startTypeResolver() {
        stock.startTypeResolver();
    }

    @Override
    public void startServiceResolver(String type) {
        stock.startServiceResolver(type);
    }

    @Override
    public void startResponder(DNSIncoming in, InetAddress address, int port) {
        stock.startResponder(in, address, port);
    }

    /** Stock probing and conflict throttle, but 250 ms apart for a responder that has not announced yet too. */
    private static final class RfcProber extends Prober {
        RfcProber(JmDNSImpl dns) {
            super(dns);
        }

        @Override
        public void start(Timer timer) {
            JmDNSImpl jmdns = getDns();
            long now = System.currentTimeMillis();
            boolean recent = now - jmdns.getLastThrottleIncrement() < DNSConstants.PROBE_THROTTLE_COUNT_INTERVAL;
            jmdns.setThrottle(recent ? jmdns.getThrottle() + 1 : 1);
            jmdns.setLastThrottleIncrement(now);
            if (jmdns.isCanceling() || jmdns.isCanceled()) {
                return;
            }
            if (jmdns.getThrottle() < DNSConstants.PROBE_THROTTLE_COUNT) {
                timer.schedule(this, JmDNSImpl.getRandom().nextInt(1 + DNSConstants.PROBE_WAIT_INTERVAL),
                        DNSConstants.PROBE_WAIT_INTERVAL);
            } else {
                timer.schedule(this, DNSConstants.PROBE_CONFLICT_INTERVAL, DNSConstants.PROBE_CONFLICT_INTERVAL);
            }
        }
    }

    /** Stock cache reaping, every second instead of every ten. */
    private static final class PromptReaper extends RecordReaper {
        PromptReaper(JmDNSImpl dns) {
            super(dns);
        }

        @Override
        public void start(Timer timer) {
            if (!getDns().isCanceling() && !getDns().isCanceled()) {
                timer.schedule(this, REAP_EVERY_MILLIS, REAP_EVERY_MILLIS);
            }
        }
    }

    /** Stock announcing, the first announcement 250 ms after the last probe instead of a second. */
    private static final class PromptAnnouncer extends Announcer {
        PromptAnnouncer(JmDNSImpl dns) {
            super(dns);
        }

        @Override
        public void start(Timer timer) {
            if (!getDns().isCanceling() && !getDns().isCanceled()) {
                timer.schedule(this, DNSConstants.PROBE_WAIT_INTERVAL, DNSConstants.ANNOUNCE_WAIT_INTERVAL);
            }
        }
    }
}
