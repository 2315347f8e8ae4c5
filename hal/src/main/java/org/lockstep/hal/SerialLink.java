package org.lockstep.hal;

/**
 * A byte stream to a device (a weapon detector on a UART or USB adapter). Event-driven: bytes arrive through the
 * listener on the implementation's thread, which must only hand them on.
 */
public interface SerialLink extends AutoCloseable {
    String id();

    /**
     * Opens the link. Safe to call again after a disconnect.
     *
     * @throws HardwareException if the port cannot be opened (absent, busy, no permission)
     */
    void open();

    boolean isOpen();

    void write(byte[] bytes);

    void setListener(Listener listener);

    /**
     * Whether this link reopens itself after a disconnect (off the caller's thread). If not, its owner reopens it;
     * a link whose {@link #open()} blocks (jSerialComm configures for ~200 ms per setting) must reopen itself, so
     * the controller's event loop never waits on a port.
     */
    default boolean reconnectsItself() {
        return false;
    }

    /** Closes the link. Idempotent. */
    @Override
    void close();

    interface Listener {
        void onBytes(String linkId, byte[] bytes, long atMs);

        /** The link went away (USB unplugged, pty closed). The owner decides when to reopen. */
        void onDisconnected(String linkId, String detail, long atMs);
    }
}
