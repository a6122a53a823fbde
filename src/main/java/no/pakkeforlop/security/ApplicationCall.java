package no.pakkeforlop.security;

import java.util.function.Supplier;

/**
 * The application's own services acting for a signed-in staff member, on purpose: a
 * command they start inside {@link #run} is not held to the staff rules of
 * {@link PathwayGuard} (for example the coordinator's transfer, whose code registration
 * job {@code PathwayAdministration} runs at once). Only code in this application can call
 * it; nothing reachable from outside (engine REST, web applications) does.
 */
public final class ApplicationCall {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private ApplicationCall() {
    }

    public static <T> T run(Supplier<T> action) {
        Boolean previous = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return action.get();
        }
        finally {
            if (previous == null) {
                ACTIVE.remove();
            }
            else {
                ACTIVE.set(previous);
            }
        }
    }

    static boolean active() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }

}
