package org.lockstep.hal.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.lockstep.hal.detector.DetectorMessage.Detection;
import org.lockstep.hal.detector.DetectorMessage.Frame;

/** What the decoder promises for any input, checked on random and mutated byte streams. */
class LineFrameDecoderPropertyTest {
    /**
     * jqwik logs "edge case generation exceeds number of tries" at INFO through java.util.logging on every build;
     * held in a field because JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger JQWIK_LOG = quiet("net.jqwik");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    /** A valid frame's content; the sequence number is assigned in stream order. */
    record Spec(boolean detection, String sensorId, int confidencePct, String location) {
        byte[] encode(int seq) {
            return detection
                    ? LineFrameEncoder.detection(seq, sensorId, confidencePct, location)
                    : LineFrameEncoder.heartbeat(seq, sensorId);
        }
    }

    /** One frame in a stream, possibly damaged by one byte, followed by garbage. */
    record Item(Spec spec, boolean mutate, int mutateAt, int mutateMask, byte[] garbageAfter) {}

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<String> sensorIds = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-')
                .ofMinLength(1).ofMaxLength(LineProtocol.MAX_SENSOR_ID_CHARS);
        Arbitrary<String> locations = Arbitraries.strings().withCharRange(' ', '~')
                .ofMinLength(1).ofMaxLength(LineProtocol.MAX_LOCATION_CHARS)
                .map(s -> s.replaceAll("[$*,\\\\]", "_"));
        return Combinators.combine(Arbitraries.of(true, false), sensorIds, Arbitraries.integers().between(0, 100),
                locations).as(Spec::new);
    }

    @Provide
    Arbitrary<Item> items() {
        return Combinators.combine(specs(), Arbitraries.integers().between(0, 3).map(n -> n == 0),
                Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(1, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(Item::new);
    }

    private static List<DetectorMessage> feedInChunks(DetectorDecoder decoder, byte[] stream, int chunkSize) {
        List<DetectorMessage> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunkSize) {
            out.addAll(decoder.feed(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunkSize)), i));
        }
        return out;
    }

    @Property(tries = 1_000)
    void randomBytesNeverThrowAndNeverDetect(@ForAll @Size(max = 2_000) byte[] noise,
            @ForAll @IntRange(min = 1, max = 64) int chunkSize) {
        LineFrameDecoder decoder = new LineFrameDecoder();

        List<DetectorMessage> out = feedInChunks(decoder, noise, chunkSize);
        out.addAll(decoder.reset(0));

        assertTrue(out.stream().noneMatch(m -> m instanceof Detection), "detection from noise: " + out);
        assertEquals(0, decoder.counters().detections());
    }

    @Property(tries = 500)
    void randomAsciiShapedLikeFramesNeverDetect(
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 11) Integer> tokens) {
        // Biased noise: the protocol's own punctuation and words, so the parser's deeper paths are exercised.
        String[] vocabulary = {"$", "LSD", ",", "DET", "HB", "*", "\n", "17", "0", "FFFF", "lane", "\r"};
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append(vocabulary[t]));
        LineFrameDecoder decoder = new LineFrameDecoder();

        List<DetectorMessage> out = decoder.feed(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);

        assertTrue(out.stream().noneMatch(m -> m instanceof Detection), "detection from noise: " + out);
    }

    @Property(tries = 500)
    void everyIntactFrameSurvivesGarbageAndDamagedNeighbours(@ForAll @Size(max = 30) List<@From("items") Item> items,
            @ForAll @IntRange(min = 1, max = 50) int chunkSize) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> intactSeqs = new ArrayList<>();
        int seq = 1;
        for (Item item : items) {
            byte[] frame = item.spec().encode(seq);
            if (item.mutate()) {
                frame[item.mutateAt() % frame.length] ^= (byte) item.mutateMask();
            } else {
                intactSeqs.add(seq);
            }
            stream.writeBytes(frame);
            stream.writeBytes(item.garbageAfter());
            seq = LineProtocol.nextSeq(seq);
        }
        LineFrameDecoder decoder = new LineFrameDecoder();

        List<DetectorMessage> out = feedInChunks(decoder, stream.toByteArray(), chunkSize);

        List<Integer> decodedSeqs = out.stream().filter(m -> m instanceof Frame).map(m -> ((Frame) m).seq()).toList();
        assertEquals(intactSeqs, decodedSeqs, "decoded exactly the intact frames, in order");
    }

    @Property(tries = 2_000)
    void aSingleDamagedByteRejectsTheFrame(@ForAll("specs") Spec spec,
            @ForAll @IntRange(min = 0, max = LineProtocol.MAX_SEQ) int seq, @ForAll @IntRange(min = 0, max = 200) int at,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] frame = spec.encode(seq);
        frame[at % frame.length] ^= (byte) mask;
        LineFrameDecoder decoder = new LineFrameDecoder();

        List<DetectorMessage> out = decoder.feed(frame, 0);
        out.addAll(decoder.reset(0));

        assertTrue(out.stream().noneMatch(m -> m instanceof Frame), "damaged frame decoded: " + out);
        assertTrue(decoder.counters().totalRejected() > 0, "damage must be counted");
    }
}
