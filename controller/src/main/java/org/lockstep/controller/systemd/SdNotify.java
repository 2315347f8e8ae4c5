package org.lockstep.controller.systemd;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * systemd's notify protocol ({@code sd_notify(3)}): one datagram of {@code KEY=VALUE} lines to the unix socket named
 * by {@code $NOTIFY_SOCKET}. The JDK cannot send unix <em>datagrams</em> (DatagramChannel has no AF_UNIX), so this
 * calls libc's {@code socket}/{@code sendto} through JNA, which Pi4J already brings. Sending from this process (not
 * from a {@code systemd-notify} child) lets the unit keep {@code NotifyAccess=main} and avoids the race where
 * systemd cannot place a message whose sender has already exited.
 */
public final class SdNotify {
    /** The longest socket path a {@code sockaddr_un} holds (108 bytes with its NUL on Linux). */
    static final int MAX_PATH_BYTES = 107;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_OFFSET = 2;

    private final byte[] address;
    private final String socketName;

    private SdNotify(String socketName) {
        this.socketName = socketName;
        this.address = sockaddrUn(socketName);
    }

    /** The notifier systemd asked for, if it did ({@code NOTIFY_SOCKET} set, a path or an {@code @}abstract name). */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SdNotify(socket));
    }

    /**
     * The watchdog interval systemd expects pings within ({@code WATCHDOG_USEC}), if it is meant for this process
     * ({@code WATCHDOG_PID} absent or ours), as {@code sd_watchdog_enabled(3)} decides.
     */
    public static OptionalLong watchdogMs(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        try {
            if (usec == null || (pid != null && Long.parseLong(pid) != ownPid)) {
                return OptionalLong.empty();
            }
            long ms = Long.parseLong(usec) / 1_000;
            return ms > 0 ? OptionalLong.of(ms) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public String socketName() {
        return socketName;
    }

    /**
     * Sends one message, e.g. {@code READY=1} or {@code WATCHDOG=1}. Never blocks for long (a datagram to a local
     * socket) and never throws: the service keeps running if systemd is gone.
     *
     * @return whether the datagram was sent
     */
    public boolean send(String message) {
        Objects.requireNonNull(message, "message");
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        try {
            int fd = Libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            try {
                return Libc.sendto(fd, payload, new NativeLong(payload.length), MSG_NOSIGNAL, address,
                        address.length).longValue() == payload.length;
            } finally {
                Libc.close(fd);
            }
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** {@code struct sockaddr_un}: native-order family, then the path; a leading '@' is the abstract namespace. */
    static byte[] sockaddrUn(String socketName) {
        byte[] path = socketName.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path[0] == '@';
        if (path.length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is longer than " + MAX_PATH_BYTES + " bytes: "
                    + socketName);
        }
        // A path is NUL-terminated; an abstract name is exactly its bytes, the '@' standing for a leading NUL.
        byte[] addr = new byte[SUN_PATH_OFFSET + path.length + (abstractName ? 0 : 1)];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        addr[little ? 0 : 1] = (byte) AF_UNIX;
        System.arraycopy(path, 0, addr, SUN_PATH_OFFSET, path.length);
        if (abstractName) {
            addr[SUN_PATH_OFFSET] = 0;
        }
        return addr;
    }

    /** The three libc calls, bound once by JNA's direct mapping. */
    private static final class Libc {
        static {
            Native.register("c");
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        // size_t and ssize_t are C longs on Linux (32 bits on an armhf Pi, 64 on arm64): NativeLong fits both.
        static native NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen)
                throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }
}
