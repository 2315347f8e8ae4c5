package org.lockstep.hal.device;

import java.util.Objects;

/**
 * What a device driver says happened, in the device's own terms. The controller's shell translates these into core
 * events; nothing here knows about lockdowns.
 */
public sealed interface DeviceSignal {
    String deviceId();

    long atMs();

    /** A door contact settled on open or closed. */
    record ContactChanged(String deviceId, boolean open, long atMs) implements DeviceSignal {
        public ContactChanged {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /** A bolt monitor reports the bolt thrown (engaged in the strike) or retracted. */
    record BoltChanged(String deviceId, boolean thrown, long atMs) implements DeviceSignal {
        public BoltChanged {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /** A panic button passed its guard (held long enough, or pressed enough times). */
    record PanicTriggered(String deviceId, long atMs) implements DeviceSignal {
        public PanicTriggered {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /** The fire-alarm panel's dry contact went active or cleared. */
    record FireAlarmChanged(String deviceId, boolean active, long atMs) implements DeviceSignal {
        public FireAlarmChanged {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /**
     * A weapon detector reported a detection.
     *
     * @param sensorId the detector's own sensor or lane id
     * @param confidencePct 0..100
     * @param location where it happened, as the detector names it
     */
    record WeaponDetected(String deviceId, String sensorId, int confidencePct, String location, long atMs)
            implements DeviceSignal {
        public WeaponDetected {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(sensorId, "sensorId");
            Objects.requireNonNull(location, "location");
            if (confidencePct < 0 || confidencePct > 100) {
                throw new IllegalArgumentException("confidencePct must be 0..100, was " + confidencePct);
            }
        }
    }

    /** A device stopped working as it should (relay refused, detector silent, line garbage). Never swallowed. */
    record DeviceFaulted(String deviceId, String detail, long atMs) implements DeviceSignal {
        public DeviceFaulted {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A faulted device works again. */
    record DeviceRecovered(String deviceId, long atMs) implements DeviceSignal {
        public DeviceRecovered {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }
}
