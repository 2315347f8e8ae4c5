package org.lockstep.controller.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A floor's plan image: a file beside the site file, named by a plain file name (no directory, so it can never point
 * elsewhere), an SVG or a PNG by its content as well as its name, at most {@link #MAX_BYTES}. The loader checks it with
 * {@link #read}; the console reads it again with the same check and serves those bytes, never a path from a request.
 */
public final class PlanFile {
    /** A floor plan is a drawing, not a photo: a few hundred KiB at most. Bigger is refused, not read. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** A plain file name: no '/', no "..", no leading dot; .svg or .png. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*\\.(svg|png)");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** How far into an SVG file its root element must start (after the XML declaration, comments, a doctype). */
    private static final int SVG_HEAD_CHARS = 4096;
    private static final Pattern SVG_HEAD = Pattern.compile(
            "\\A\\uFEFF?\\s*(<\\?xml[^>]*\\?>\\s*)?((<!--.*?-->|<!DOCTYPE[^>]*>)\\s*)*<svg[\\s>]", Pattern.DOTALL);

    /** What a plan file is, by its content; {@link #contentType()} is what the console serves it as. */
    public enum Kind {
        SVG("image/svg+xml"),
        PNG("image/png");

        private final String contentType;

        Kind(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        static Kind ofName(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith(".svg") ? SVG : PNG;
        }
    }

    /** A plan read and checked. */
    public record Image(Kind kind, byte[] bytes) {}

    /** Why a plan file cannot be used, said so a person can fix it. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private PlanFile() {}

    /** Whether {@code name} is a plain .svg/.png file name (checked before anything is read). */
    static boolean isPlainName(String name) {
        return NAME.matcher(name).matches() && !name.contains("..");
    }

    /**
     * Reads and checks the plan {@code file}: a regular file (a symbolic link is refused: the plan must be the file
     * beside the site file, not a way to reach another), at most {@link #MAX_BYTES}, whose content is the kind its name
     * says.
     */
    public static Image read(Path file) throws Unusable {
        String name = file.getFileName().toString();
        if (!isPlainName(name)) {
            throw new Unusable("expected a plain .svg or .png file name; found '" + name + "'");
        }
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new Unusable(Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? file + " is not a regular file (a link or a directory); put the image itself beside the"
                                + " site file"
                        : file + ": file not found; put the plan beside the site file, or remove 'plan:' to show"
                                + " the floor without one");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (AccessDeniedException e) {
            throw new Unusable(file + ": cannot read the file: permission denied (the console's user must read it)");
        } catch (NoSuchFileException e) {
            throw new Unusable(file + ": file not found");
        } catch (IOException e) {
            throw new Unusable(file + ": cannot read the file: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unusable(file + " is larger than " + MAX_BYTES + " bytes; a floor plan is a drawing:"
                    + " simplify it or save it as an SVG");
        }
        Kind kind = Kind.ofName(name);
        if (kind == Kind.PNG && !isPng(bytes)) {
            throw new Unusable(file + " is named .png but is not a PNG image (no PNG signature)");
        }
        if (kind == Kind.SVG && !isSvg(bytes)) {
            throw new Unusable(file + " is named .svg but is not an SVG image (expected UTF-8 text whose root"
                    + " element is <svg>)");
        }
        return new Image(kind, bytes);
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length > PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    static boolean isSvg(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, SVG_HEAD_CHARS), StandardCharsets.UTF_8);
        return SVG_HEAD.matcher(head).find();
    }
}
