package io.asyncio4j;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Waits for a loop's MBean, which the loop registers in the background after it opens: on the
 * platform server's own registration notification, not by polling.
 */
final class MBeanRegistrations {
    private MBeanRegistrations() {}

    /** Returns once {@code name} is registered; the 60 s guard only stops a hang. */
    static void await(ObjectName name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        NotificationListener listener = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification n
                    && n.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
                    && n.getMBeanName().equals(name)) {
                registered.complete(null);
            }
        };
        // Listening before looking: a registration between the two cannot be missed.
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try {
            if (!server.isRegistered(name)) {
                registered.get(60, TimeUnit.SECONDS);
            }
        } finally {
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
        }
    }
}
