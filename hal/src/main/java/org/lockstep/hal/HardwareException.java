package org.lockstep.hal;

/**
 * An operating error from a device, translated at the edge: which device, what was being done, and whether trying
 * again may help. Vendor exceptions never travel past the driver that caught them.
 */
public final class HardwareException extends RuntimeException {
    private final String deviceId;
    private final boolean retryable;

    public HardwareException(String deviceId, String detail, boolean retryable, Throwable cause) {
        super(deviceId + ": " + detail, cause);
        this.deviceId = deviceId;
        this.retryable = retryable;
    }

    public HardwareException(String deviceId, String detail) {
        this(deviceId, detail, false, null);
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean retryable() {
        return retryable;
    }
}
