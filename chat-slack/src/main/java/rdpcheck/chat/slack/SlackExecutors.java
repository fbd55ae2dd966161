package rdpcheck.chat.slack;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.slack.api.util.thread.DaemonThreadExecutorServiceProvider;
import com.slack.api.util.thread.ExecutorServiceProvider;

/**
 * The SDK's default gives Socket Mode's message processors one scheduled thread, so commands
 * arriving together are acknowledged one after another. A few threads acknowledge them side by
 * side; every other executor stays the SDK's default.
 */
final class SlackExecutors implements ExecutorServiceProvider {

    static final int SCHEDULED_THREADS = 4;

    @Override
    public ExecutorService createThreadPoolExecutor(String threadGroupName, int poolSize) {
        return DaemonThreadExecutorServiceProvider.getInstance().createThreadPoolExecutor(threadGroupName, poolSize);
    }

    @Override
    public ScheduledExecutorService createThreadScheduledExecutor(String threadGroupName) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemon = r -> {
            Thread thread = new Thread(r, threadGroupName + "-rdpcheck-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newScheduledThreadPool(SCHEDULED_THREADS, daemon);
    }
}
