package io.adplatform.admin.creatives;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

public class AssetInspectorTest {

    public static byte[] image(String format, int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x += 7) {
            img.setRGB(x, (x * 31 + seed) % h, 0xFF0000 + seed);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static byte[] mp4() {
        byte[] b = new byte[64];
        byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    @Test
    void theTypeComesFromTheBytesWithTheImageSize() {
        assertThat(AssetInspector.inspect(image("png", 320, 240, 1)))
                .isEqualTo(new AssetInspector.Inspected("IMAGE", "image/png", "png", 320, 240));
        assertThat(AssetInspector.inspect(image("jpg", 300, 400, 1)))
                .isEqualTo(new AssetInspector.Inspected("IMAGE", "image/jpeg", "jpg", 300, 400));
        assertThat(AssetInspector.inspect(mp4()).contentType()).isEqualTo("video/mp4");
    }

    @Test
    void anythingElseIsNotTakenWhateverItClaims() {
        assertThat(AssetInspector.inspect("GIF89a....".getBytes())).isNull();
        assertThat(AssetInspector.inspect("<svg xmlns=...>".getBytes())).isNull();
        assertThat(AssetInspector.inspect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}))
                .as("a PNG signature without a readable header").isNull();
        assertThat(AssetInspector.inspect(new byte[0])).isNull();
    }
}
