package org.lockstep.controller.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.lockstep.controller.config.SiteConfig;

/**
 * Makes everything a site's broker and clients need, into an empty directory:
 *
 * <pre>
 * ca/ca.key, ca/ca.pem            the site's own CA (keep ca.key offline: it re-issues the broker certificate)
 * broker/                         copy to the broker's {@link BrokerLayout#dir()}:
 *   ca.pem broker.pem broker.key  TLS, the certificate valid for every --broker-host
 *   passwd                        Mosquitto password file (mosquitto_passwd), one account per client
 *   lockstep.acl lockstep.conf    what each account may do; the broker configuration
 *   lockstep_retain_guard.so      the retained-command guard, built here (cc + mosquitto-dev)
 * clients/&lt;name&gt;.secret          one per controller, console, office device and audit tool (0600)
 * clients/ca.pem                  what clients trust (mqtt.caFile)
 * </pre>
 *
 * Every password is 32 random bytes; none is a default, none is printed. External tools: {@code openssl},
 * {@code mosquitto_passwd}, and {@code cc} with Mosquitto's headers for the guard.
 */
public final class SiteProvisioner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OWNER_ONLY = "rw-------";

    /** Something the provisioning could not do; the message says what to install or change. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final SiteConfig config;
    private final BrokerLayout layout;
    private final List<BrokerAccount> accounts;

    public SiteProvisioner(SiteConfig config, BrokerLayout layout, List<BrokerAccount> accounts) {
        this.config = config;
        this.layout = layout;
        this.accounts = List.copyOf(accounts);
    }

    /** The site's controllers, then the given extra accounts; names must be unique. */
    public static List<BrokerAccount> accounts(SiteConfig config, List<BrokerAccount> extra) {
        List<BrokerAccount> all = new ArrayList<>();
        config.site().controllers().forEach(c -> all.add(new BrokerAccount(c.id(), BrokerAccount.Role.CONTROLLER)));
        all.addAll(extra);
        List<String> seen = new ArrayList<>();
        for (BrokerAccount a : all) {
            if (seen.contains(a.name())) {
                throw new Failed("account '" + a.name() + "' named twice (controllers have an account each, by id)");
            }
            seen.add(a.name());
        }
        return all;
    }

    public void provision(Path out) {
        try {
            if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
                throw new Failed(out + ": exists and is not empty; provisioning never overwrites a CA or passwords"
                        + " (choose a new directory)");
            }
            Path ca = privateDir(out.resolve("ca"));
            Path broker = privateDir(out.resolve("broker"));
            Path clients = privateDir(out.resolve("clients"));
            // Mosquitto drops root for its own user before it reads the password file and loads plugins.
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-x---"));
            Files.setPosixFilePermissions(broker, PosixFilePermissions.fromString("rwxr-x---"));
            makeCa(ca);
            makeBrokerCertificate(ca, broker);
            Files.copy(ca.resolve("ca.pem"), broker.resolve("ca.pem"));
            Files.copy(ca.resolve("ca.pem"), clients.resolve("ca.pem"));
            writePasswords(broker, clients);
            Files.writeString(broker.resolve("lockstep.acl"), MosquittoAcl.render(config, accounts));
            if (layout.retainGuard()) {
                buildGuard(broker);
            }
            Files.writeString(broker.resolve("lockstep.conf"), MosquittoConf.render(config, layout));
            shareWithBroker(out, broker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeCa(Path ca) throws IOException {
        Path cnf = ca.resolve("openssl.cnf");
        Files.writeString(cnf, String.join("\n", "[req]", "distinguished_name = dn", "x509_extensions = ca",
                "prompt = no", "[dn]", "CN = Lockstep " + config.siteId() + " broker CA", "[ca]",
                "basicConstraints = critical, CA:true, pathlen:0", "keyUsage = critical, keyCertSign, cRLSign",
                "subjectKeyIdentifier = hash", ""));
        run(ca, "openssl", "req", "-x509", "-new", "-config", cnf.toString(), "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650");
        Files.delete(cnf);
        ownerOnly(ca.resolve("ca.key"));
    }

    private void makeBrokerCertificate(Path ca, Path broker) throws IOException {
        List<String> names = new ArrayList<>();
        for (String h : layout.hosts()) {
            names.add((h.matches("[0-9.]+") || h.contains(":") ? "IP:" : "DNS:") + h);
        }
        Path ext = broker.resolve("ext.cnf");
        Files.writeString(ext, String.join("\n", "basicConstraints = critical, CA:false",
                "keyUsage = critical, digitalSignature", "extendedKeyUsage = serverAuth",
                "subjectAltName = " + String.join(", ", names), ""));
        run(broker, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "broker.key", "-out", "broker.csr", "-subj", "/CN=" + layout.hosts().getFirst());
        run(broker, "openssl", "x509", "-req", "-in", "broker.csr", "-CA", ca.resolve("ca.pem").toString(), "-CAkey",
                ca.resolve("ca.key").toString(), "-set_serial", "0x" + hex(16), "-days", "825", "-extfile",
                ext.toString(), "-out", "broker.pem");
        Files.delete(ext);
        Files.delete(broker.resolve("broker.csr"));
        Files.setPosixFilePermissions(broker.resolve("broker.key"), PosixFilePermissions.fromString("rw-r-----"));
    }

    private void writePasswords(Path broker, Path clients) throws IOException {
        StringBuilder plain = new StringBuilder();
        for (BrokerAccount a : accounts) {
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
            plain.append(a.name()).append(':').append(password).append('\n');
            Path secret = clients.resolve(a.name() + ".secret");
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
            Files.writeString(secret, "# broker account of " + a.role().name().toLowerCase() + " " + a.name()
                    + " (site " + config.siteId() + "); keep it 0600\nusername=" + a.name() + "\npassword=" + password
                    + "\n");
        }
        // Hashed in place by mosquitto_passwd -U: no password ever appears on a command line.
        Path passwd = broker.resolve("passwd");
        Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        Files.writeString(passwd, plain);
        run(broker, "mosquitto_passwd", "-U", passwd.toString());
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r-----"));
    }

    /**
     * The broker's files go to group {@code mosquitto} (what the broker runs as) where that group exists and we may:
     * group-readable, never world-readable. Elsewhere the files stay the provisioning user's (copy and chown them).
     */
    private static void shareWithBroker(Path out, Path broker) throws IOException {
        GroupPrincipal group;
        try {
            group = out.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("mosquitto");
        } catch (UserPrincipalNotFoundException e) {
            return;
        }
        try (Stream<Path> files = Files.list(broker)) {
            for (Path p : Stream.concat(Stream.of(out, broker), files.sorted()).toList()) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        } catch (FileSystemException e) {
            // Not root and not in the group: the operator chowns them when copying to the broker.
        }
    }

    private void buildGuard(Path broker) throws IOException {
        Path source = broker.resolve(BrokerLayout.PLUGIN + ".c");
        try (InputStream in = SiteProvisioner.class.getResourceAsStream(BrokerLayout.PLUGIN + ".c")) {
            if (in == null) {
                throw new Failed("the guard's source is missing from the lockstep jar (a build problem)");
            }
            Files.copy(in, source);
        }
        try {
            run(broker, "cc", "-shared", "-fPIC", "-O2", "-Wall", "-o", BrokerLayout.PLUGIN + ".so", source.toString());
            Files.delete(source);
        } catch (Failed e) {
            throw new Failed("cannot build the retained-command guard: " + e.getMessage()
                    + "\n  install a compiler and Mosquitto's headers (Debian: apt-get install gcc mosquitto-dev"
                    + " libmosquitto-dev), or pass --no-retain-guard to rely on the controllers' refusal alone");
        }
    }

    private static void run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new Failed(command[0] + " failed: " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new Failed(command[0] + " is not installed or cannot run (" + e.getMessage() + ")"
                    + (command[0].equals("mosquitto_passwd") ? ": apt-get install mosquitto" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(command[0] + " interrupted");
        }
    }

    private static Path privateDir(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OWNER_ONLY));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String hex(int n) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes(n)) {
            s.append(String.format("%02x", b & 0x7f));
        }
        return s.toString();
    }
}
