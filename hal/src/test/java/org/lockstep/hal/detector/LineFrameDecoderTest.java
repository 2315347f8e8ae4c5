package org.lockstep.hal.detector;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockstep.hal.detector.DetectorMessage.Detection;
import org.lockstep.hal.detector.DetectorMessage.Frame;
import org.lockstep.hal.detector.DetectorMessage.Heartbeat;
import org.lockstep.hal.detector.DetectorMessage.Rejected;

class LineFrameDecoderTest {
    private final LineFrameDecoder decoder = new LineFrameDecoder();

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<Frame> frames(List<DetectorMessage> messages) {
        List<Frame> frames = new ArrayList<>();
        for (DetectorMessage m : messages) {
            if (m instanceof Frame f) {
                frames.add(f);
            }
        }
        return frames;
    }

    private static List<Rejection> rejections(List<DetectorMessage> messages) {
        List<Rejection> out = new ArrayList<>();
        for (DetectorMessage m : messages) {
            if (m instanceof Rejected r) {
                out.add(r.reason());
            }
        }
        return out;
    }

    @Test
    void crcIsCcittFalse() {
        assertEquals(0x29B1, Crc16.of(ascii("123456789")));
    }

    @Test
    void theDocumentedExamplesDecode() {
        List<DetectorMessage> out = decoder.feed(
                ascii("$LSD,17,lane-2,DET,87,Main entrance*254B\n$LSD,18,lane-2,HB,0,*66D3\r\n"), 5);

        assertEquals(List.of(new Detection(17, "lane-2", 87, "Main entrance", 5), new Heartbeat(18, "lane-2", 5)),
                out);
    }

    @Test
    void aDetectionRoundTripsThroughTheEncoder() {
        byte[] frame = LineFrameEncoder.detection(42, "s1", 100, "Gym door, east".replace(",", " -"));

        assertEquals(List.of(new Detection(42, "s1", 100, "Gym door - east", 7)), decoder.feed(frame, 7));
        assertEquals(1, decoder.counters().detections());
    }

    @Test
    void aFrameSplitAcrossChunksDecodesOnceComplete() {
        byte[] frame = LineFrameEncoder.detection(1, "s1", 90, "Lobby");
        List<DetectorMessage> out = new ArrayList<>();
        for (byte b : frame) {
            out.addAll(decoder.feed(new byte[] {b}, 3));
        }
        assertEquals(List.of(new Detection(1, "s1", 90, "Lobby", 3)), out);
    }

    @Test
    void garbageBeforeAFrameOnTheSameLineIsCountedAndTheFrameStillDecodes() {
        List<DetectorMessage> out = decoder.feed(concat(ascii("\u0000noise"), LineFrameEncoder.heartbeat(0, "s1")), 1);

        assertEquals(List.of(Rejection.GARBAGE), rejections(out));
        assertEquals(1, frames(out).size());
    }

    @Test
    void aBadChecksumIsRejectedAndCounted() {
        List<DetectorMessage> out = decoder.feed(ascii("$LSD,17,lane-2,DET,87,Main entrance*254C\n"), 1);

        assertEquals(List.of(Rejection.BAD_CHECKSUM), rejections(out));
        assertEquals(1, decoder.counters().rejected(Rejection.BAD_CHECKSUM));
        assertEquals(0, decoder.counters().detections());
    }

    @Test
    void aLowerCaseChecksumIsMalformed() {
        assertEquals(List.of(Rejection.MALFORMED),
                rejections(decoder.feed(ascii("$LSD,17,lane-2,DET,87,Main entrance*254b\n"), 1)));
    }

    @Test
    void aTruncatedFrameIsMalformedAndAnInterruptedOneIsPartial() {
        List<DetectorMessage> out = decoder.feed(ascii("$LSD,1,s1,DET,9\n$LSD,2,s1"), 1);
        out.addAll(decoder.feed(LineFrameEncoder.heartbeat(3, "s1"), 2));

        assertEquals(List.of(Rejection.MALFORMED, Rejection.PARTIAL), rejections(out));
        assertEquals(1, frames(out).size());
    }

    @Test
    void anOverLongLineIsDiscardedUpToTheNextNewlineWithoutGrowingABuffer() {
        byte[] longLine = concat(ascii("$LSD,1,s1,DET,99,"), ascii("x".repeat(10_000)), ascii("*0000\n"));

        List<DetectorMessage> out = decoder.feed(concat(longLine, LineFrameEncoder.heartbeat(2, "s1")), 1);

        assertEquals(List.of(Rejection.TOO_LONG), rejections(out));
        assertEquals(List.of(new Heartbeat(2, "s1", 1)), frames(out));
    }

    @Test
    void fieldsThatBreakTheRulesAreMalformedEvenWithAGoodChecksum() {
        for (String body : List.of("LSD,1,s1,DET,101,Hall", "LSD,1,s1,DET,50,", "LSD,1,s1,HB,5,",
                "LSD,65536,s1,HB,0,", "LSD,01,s1,HB,0,", "LSD,1,s 1,HB,0,", "LSD,1,s1,XYZ,0,",
                "LSD,1,,HB,0,", "LSD,1,s1,HB,0,,extra", "ABC,1,s1,HB,0,", "LSD,1,s1,DET,50,Hall\\2",
                "LSD,1,s1,DET,50," + "L".repeat(33))) {
            LineFrameDecoder fresh = new LineFrameDecoder();
            String line = String.format("$%s*%04X\n", body, Crc16.of(ascii(body)));
            assertEquals(List.of(Rejection.MALFORMED), rejections(fresh.feed(ascii(line), 1)), body);
        }
    }

    @Test
    void duplicatesAndOldFramesAreRejectedAndGapsAreCountedAsMissed() {
        List<DetectorMessage> out = new ArrayList<>();
        for (int seq : new int[] {10, 11, 11, 9, 14, 15}) {
            out.addAll(decoder.feed(LineFrameEncoder.heartbeat(seq, "s1"), seq));
        }

        assertEquals(List.of(Rejection.DUPLICATE, Rejection.OUT_OF_ORDER), rejections(out));
        assertEquals(List.of(10, 11, 14, 15), frames(out).stream().map(Frame::seq).toList());
        assertEquals(2, decoder.counters().missedFrames());
    }

    @Test
    void theSequenceWrapsFrom65535ToOneWithoutAGap() {
        LineFrameEncoder encoder = new LineFrameEncoder("s1", 65_534);
        List<DetectorMessage> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.addAll(decoder.feed(encoder.heartbeat(), i));
        }

        assertEquals(List.of(65_534, 65_535, 1, 2), frames(out).stream().map(Frame::seq).toList());
        assertEquals(0, decoder.counters().missedFrames());
    }

    @Test
    void seqZeroMeansTheSenderRestartedAndIsAccepted() {
        List<DetectorMessage> out = new ArrayList<>();
        for (int seq : new int[] {500, 501, 0, 1, 0, 0}) {
            out.addAll(decoder.feed(LineFrameEncoder.heartbeat(seq, "s1"), 1));
        }

        assertEquals(List.of(500, 501, 0, 1, 0), frames(out).stream().map(Frame::seq).toList());
        assertEquals(List.of(Rejection.DUPLICATE), rejections(out));
    }

    @Test
    void resetCountsThePartialFrameAndForgetsTheSequence() {
        decoder.feed(LineFrameEncoder.heartbeat(100, "s1"), 1);
        decoder.feed(ascii("$LSD,101,s1"), 2);

        assertEquals(List.of(Rejection.PARTIAL), rejections(decoder.reset(3)));
        assertEquals(1, frames(decoder.feed(LineFrameEncoder.heartbeat(50, "s1"), 4)).size());
    }

    @Test
    void theEncoderRefusesWhatTheProtocolForbidsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineFrameEncoder.detection(1, "s1", 50, "Hall*2"));
        assertTrue(e.getMessage().startsWith("location"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineFrameEncoder.heartbeat(65_536, "s1"));
        assertThrows(IllegalArgumentException.class, () -> new LineFrameEncoder("bad id"));
    }

    @Test
    void theLongestValidFrameFitsTheBound() {
        byte[] longest = LineFrameEncoder.detection(65_535, "s".repeat(16), 100, "L".repeat(32));

        assertTrue(longest.length - 1 <= LineProtocol.MAX_FRAME_BYTES, "length " + longest.length);
        assertEquals(1, frames(decoder.feed(longest, 1)).size());
    }

    @Test
    void unknownProtocolsAreRefusedByName() {
        assertEquals(LineProtocol.NAME, DetectorDecoders.forProtocol("lockstep-line-v1").protocol());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectorDecoders.forProtocol("acme-v9"));
        assertTrue(e.getMessage().contains("acme-v9") && e.getMessage().contains(LineProtocol.NAME));
    }
}
