package org.lockstep.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.lockstep.controller.cli.SignedCommand;
import org.lockstep.controller.config.MqttSettings;
import org.lockstep.controller.config.PlanFile;
import org.lockstep.controller.config.SiteConfig;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.ZoneSpec;
import org.lockstep.controller.mqtt.Topics;
import org.lockstep.controller.mqtt.TransportException;
import org.lockstep.controller.trust.KeyHolder;
import org.lockstep.controller.trust.MessageSigner;
import org.tinylog.Logger;

/**
 * The running console: one MQTT session ({@link ConsoleMqtt}) into a {@link ConsoleState}, served over HTTPS by
 * Javalin on Jetty ({@link HttpsServer}) with the page's live picture pushed by Server-Sent Events ({@link LivePages}),
 * operator sign-in ({@link SignInRoutes}) and the actions ({@link ActionRoutes}: LOCKDOWN / SECURE with the console's
 * device key, DRILL / ALL CLEAR as the operator signed in), built exactly as {@code lockstep command} builds them
 * ({@link SignedCommand}).
 */
public final class Console implements AutoCloseable {
    private final SiteConfig config;
    private final Topics topics;
    private final Optional<MessageSigner> signer;
    private final ConsoleState state;
    private final ConsoleMap map;
    private final ConsoleMqtt mqtt;
    private final Optional<SummaryPublisher> summary;
    private Sessions sessions = new Sessions();
    private OperatorSignIn signIn;
    private final Set<String> zoneIds;
    private Optional<ResponderAccess> responders = Optional.empty();
    private Optional<ConsoleData> data = Optional.empty();
    private final LongSupplier wallMs = System::currentTimeMillis;
    private final LivePages pages;
    private Javalin app;
    private String fingerprint = "";
    private String certificateSource = "";

    /** A console that publishes the site summary. */
    public Console(SiteConfig config, MqttSettings mqttSettings, Optional<MessageSigner> signer) {
        this(config, mqttSettings, signer, true);
    }

    /**
     * @param signer the console's device key; empty for a console that only shows (every action is refused)
     * @param publishSummary whether this console publishes the retained site summary (one console per site should)
     */
    public Console(SiteConfig config, MqttSettings mqttSettings, Optional<MessageSigner> signer,
            boolean publishSummary) {
        this(config, mqttSettings, signer, publishSummary, defaultAccount(signer));
    }

    /** The broker account of a console not told one: its key's holder (provision --consoles NAME), else "console". */
    public static String defaultAccount(Optional<MessageSigner> signer) {
        return signer.map(MessageSigner::holderId).orElse("console");
    }

    /** @param account the broker account to log in as: its secrets file is the site's {@code {client}} template's */
    public Console(SiteConfig config, MqttSettings mqttSettings, Optional<MessageSigner> signer,
            boolean publishSummary, String account) {
        this.config = config;
        this.topics = Topics.of(mqttSettings);
        this.signer = signer;
        this.map = new ConsoleMap(config.site(), config.map());
        this.state = new ConsoleState(config.site(), config.site().name(), map, config.fileSha256());
        this.zoneIds = config.site().zones().stream().map(ZoneSpec::id).collect(Collectors.toUnmodifiableSet());
        String summaryTopic = topics.siteSummary();
        Optional<ConsoleMqtt.Will> will = publishSummary ? Optional.of(new ConsoleMqtt.Will(summaryTopic,
                SiteSummary.notLive(config.siteId(), "the console that publishes this summary is not running")
                        .toString().getBytes(StandardCharsets.UTF_8))) : Optional.empty();
        this.summary = publishSummary ? Optional.of(new SummaryPublisher(config.siteId(),
                () -> state.snapshot(wallMs.getAsLong()), payload -> sendSummary(summaryTopic, payload),
                wallMs)) : Optional.empty();
        this.mqtt = new ConsoleMqtt(mqttSettings, account, topics.prefix(), new ConsoleDecoder(config.site(), topics,
                config.keys()), state,
                this::markDirty, wallMs, will, () -> summary.ifPresent(SummaryPublisher::connected));
        this.pages = new LivePages(this::livePictureText, Optional.of(new LivePages.SettledLog(
                state::settledVersion, () -> state.settledLog().toString())), this::signOutIdle,
                link -> responders.map(r -> r.stillValid(link)).orElse(false));
        this.signIn = new OperatorSignIn(Optional.empty(), List.of(), new SignInWorker(), wallMs);
    }

    /**
     * Lets the site's operators sign in on the page with their credential files in {@code operatorsDir}
     * ({@link OperatorCredential}); signed out after {@code idleSignOutMs} without an action. Before {@link #start}.
     */
    public Console withSignIn(Path operatorsDir, long idleSignOutMs) {
        if (app != null) {
            throw new IllegalStateException("withSignIn comes before start");
        }
        signIn.close();
        List<OperatorSpec> people = config.site().operators().stream().filter(o -> config.keys().holder(o.id())
                .map(h -> h.kind() == KeyHolder.Kind.OPERATOR).orElse(true)).toList();
        signIn = new OperatorSignIn(Optional.of(operatorsDir), people, new SignInWorker(), wallMs,
                ids -> data.map(d -> d.lockout(ids)).orElseGet(() -> new Lockout(ids)));
        sessions = new Sessions(idleSignOutMs);
        return this;
    }

    /**
     * Keeps the drill log and the sign-in lockout in {@code dir} ({@link ConsoleData}) and starts from what they hold.
     * Before {@link #withSignIn} and {@link #start}.
     *
     * @throws DataDir.Unusable if {@code dir} or a file in it may not be used: the message names it and the fix
     */
    public Console withData(Path dir) throws DataDir.Unusable {
        if (app != null || signIn.enabled() || data.isPresent()) {
            throw new IllegalStateException("withData comes once, before withSignIn and start");
        }
        data = Optional.of(ConsoleData.open(dir, config.site(), wallMs.getAsLong()));
        state.keepIncidentsIn(data.get().incidents(), wallMs.getAsLong());
        return this;
    }

    /**
     * Serves the read-only responder view at {@code /r/TOKEN} for the links in {@code dir} ({@link ResponderLinks}),
     * reread when the file changes. Before {@link #start}.
     *
     * @throws ResponderLinks.Unusable if the links file is unusable now
     */
    public Console withResponders(Path dir) throws ResponderLinks.Unusable {
        if (app != null) {
            throw new IllegalStateException("withResponders comes before start");
        }
        responders = Optional.of(new ResponderAccess(dir));
        return this;
    }

    /** How many responder links the console knows now (0 without {@link #withResponders}). */
    public int responderLinks() {
        return responders.map(ResponderAccess::size).orElse(0);
    }

    /**
     * Starts MQTT and the HTTPS server on {@code host:port} (0: any free port) with a self-signed certificate: the one
     * kept in the data directory ({@link #withData}, made there if absent or unusable), else one made now.
     *
     * @throws GeneralSecurityException if the TLS certificate cannot be made
     */
    public Console start(String host, int port) throws GeneralSecurityException {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (!host.isEmpty() && !names.contains(host) && !host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        return start(host, port, data.isPresent()
                ? SavedSelfSignedCert.loadOrMake(data.get().dir(), names, wallMs.getAsLong())
                : TlsCertificate.generated(names, wallMs.getAsLong()));
    }

    /** Starts MQTT and the HTTPS server on {@code host:port} (0: any free port) serving {@code cert}. */
    Console start(String host, int port, TlsCertificate cert) {
        fingerprint = cert.sha256();
        certificateSource = cert.source();
        app = HttpsServer.start(host, port, cert, this::routes);
        pages.start();
        summary.ifPresent(SummaryPublisher::start);
        mqtt.start();
        return this;
    }

    private void routes(JavalinConfig c) {
        c.routes.get("/", this::page);
        SignInRoutes signInRoutes = new SignInRoutes(sessions, signIn, signer, config.site().name(), wallMs);
        ActionRoutes actions = new ActionRoutes(config, topics, signer, sessions, zoneIds, new ActionRoutes.Outbox() {
            @Override
            public void publish(String topic, byte[] payload) throws TransportException {
                mqtt.publish(topic, payload);
            }

            @Override
            public void sent(String id, String label, List<String> expected, long nowMs) {
                state.actionSent(id, label, expected, nowMs);
                markDirty();
            }
        }, wallMs);
        c.routes.get("/console.js", ctx -> Http.resource(ctx, "console.js", "text/javascript; charset=utf-8"));
        c.routes.get("/console.css", ctx -> Http.resource(ctx, "console.css", "text/css; charset=utf-8"));
        c.routes.get("/map.js", ctx -> Http.resource(ctx, "map.js", "text/javascript; charset=utf-8"));
        c.routes.get("/picture.js", ctx -> Http.resource(ctx, "picture.js", "text/javascript; charset=utf-8"));
        c.routes.get("/map.css", ctx -> Http.resource(ctx, "map.css", "text/css; charset=utf-8"));
        c.routes.get("/fleet.js", ctx -> Http.resource(ctx, "fleet.js", "text/javascript; charset=utf-8"));
        c.routes.get("/incidents.js", ctx -> Http.resource(ctx, "incidents.js", "text/javascript; charset=utf-8"));
        c.routes.get("/fleet.css", ctx -> Http.resource(ctx, "fleet.css", "text/css; charset=utf-8"));
        c.routes.get("/report/{id}", ctx -> ReportRoutes.serve(ctx, state, config.site().name(),
                wallMs.getAsLong()));
        c.routes.get(ConsoleMap.PLAN_PATH, this::plan);
        c.routes.get("/api/session", signInRoutes::session);
        c.routes.post("/api/sign-in", signInRoutes::signIn);
        c.routes.post("/api/sign-out", signInRoutes::signOut);
        c.routes.get("/api/state", ctx -> Http.json(ctx, 200, state.snapshot(wallMs.getAsLong())));
        c.routes.post("/api/action", actions::action);
        ResponderRoutes responderRoutes = new ResponderRoutes(responders, (client, link) -> {
            client.keepAlive();
            pages.openResponderPage(new SsePageSink(client), link).ifPresent(w -> client.onClose(w::close));
        });
        c.routes.get(ResponderRoutes.PAGE, responderRoutes::page);
        c.routes.get(ResponderRoutes.EVENTS, responderRoutes::events);
        c.routes.get("/responder.js", ctx -> Http.resource(ctx, "responder.js", "text/javascript; charset=utf-8"));
        c.routes.sse("/events", client -> {
            client.keepAlive(); // before its writer starts: the stream outlives this handler (a refused one is closed)
            pages.openPage(new SsePageSink(client)).ifPresent(w -> client.onClose(w::close));
        });
    }

    /** The port the HTTPS server listens on (the one asked for, or the one picked for 0). */
    public int port() {
        return HttpsServer.port(app);
    }

    /** The picture, for tests that feed it decoded messages directly. */
    ConsoleState state() {
        return state;
    }

    /** Where the served certificate came from, for the start-up line. */
    public String certificateSource() {
        return certificateSource;
    }

    /** The SHA-256 fingerprint of the certificate the console serves (AB:CD:...). */
    public String fingerprint() {
        return fingerprint;
    }

    private void page(Context ctx) throws IOException {
        if (sessions.find(ctx.cookie(Sessions.COOKIE)).isEmpty()) {
            ctx.header("Set-Cookie", Sessions.setCookie(sessions.create()));
        }
        Http.resource(ctx, "index.html", "text/html; charset=utf-8");
    }

    /** A floor's plan, by floor id only (never a path from the request), with a policy that runs nothing. */
    private void plan(Context ctx) {
        Optional<PlanFile.Image> image = map.plan(ctx.pathParam("floor"));
        Http.securityHeaders(ctx);
        ctx.header("Content-Security-Policy", ConsoleMap.PLAN_CSP);
        if (image.isEmpty()) {
            ctx.status(404);
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result("no such plan");
            return;
        }
        ctx.contentType(image.get().kind().contentType());
        ctx.result(image.get().bytes());
    }

    private void sendSummary(String topic, byte[] payload) throws TransportException {
        mqtt.publishRetained(topic, payload);
    }

    private void markDirty() {
        summary.ifPresent(SummaryPublisher::changed);
        pages.changed();
    }

    private String livePictureText() {
        return state.livePicture(wallMs.getAsLong()).toString();
    }

    /** On the pusher's tick: sign out the operators idle too long. */
    private void signOutIdle() {
        int idle = sessions.signOutIdle(wallMs.getAsLong());
        if (idle > 0) {
            Logger.info("console: {} operator(s) signed out after {} s without an action", idle,
                    sessions.idleSignOutMs() / 1_000);
        }
    }

    @Override
    public void close() {
        pages.close();
        if (app != null) {
            app.stop();
        }
        summary.ifPresent(SummaryPublisher::close);
        signIn.close();
        mqtt.close();
        state.stopping(wallMs.getAsLong()); // an incident still open was watched until now
        data.ifPresent(ConsoleData::close);
    }
}
