package io.adplatform.admin.creatives;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an uploaded file really is, read from its first bytes (a name or declared type proves nothing): JPEG
 * ({@code FF D8 FF}), PNG ({@code 89 50 4E 47 0D 0A 1A 0A}) or MP4 (an ISO BMFF {@code ftyp} box first). Image
 * dimensions come from the header, without decoding the pixels.
 */
public final class AssetInspector {

    /** @param width null for videos */
    public record Inspected(String kind, String contentType, String extension, Integer width, Integer height) {
    }

    private AssetInspector() {
    }

    /** The file's type, or null when it is none of the accepted ones. */
    public static Inspected inspect(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return image(b, "image/jpeg", "jpg");
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
                && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return image(b, "image/png", "png");
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return new Inspected("VIDEO", "video/mp4", "mp4", null, null);
        }
        return null;
    }

    /** An image whose header cannot be read is refused like an unknown type. */
    private static Inspected image(byte[] b, String contentType, String ext) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return new Inspected("IMAGE", contentType, ext, r.getWidth(0), r.getHeight(0));
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
