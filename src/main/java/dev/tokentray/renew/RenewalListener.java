package dev.tokentray.renew;

/** Hears the renewal service; called on the service's thread, so a UI hands over to its own. */
public interface RenewalListener {

    default void stateChanged(RenewalSnapshot state) {}

    default void event(RenewalEvent event) {}
}
