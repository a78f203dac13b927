package io.plantconsole.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/**
 * Writes a JavaFX image (typically a {@code Node.snapshot}) as PNG through {@code javax.imageio}, by copying the
 * pixels out of the image's {@link PixelReader}; no javafx-swing needed.
 */
public final class PngExport {
    private PngExport() {
    }

    /**
     * Copies the pixels into an ARGB {@link BufferedImage}. Any thread, once the image is complete (a snapshot
     * taken on the FX thread is).
     */
    public static BufferedImage toBufferedImage(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("empty image " + w + "x" + h);
        }
        PixelReader reader = image.getPixelReader();
        if (reader == null) {
            throw new IllegalArgumentException("image has no readable pixels");
        }
        int[] argb = new int[w * h];
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    /**
     * Writes the image as PNG to {@code file} (written to a temporary file first, then moved into place, so a
     * reader never sees half a file). Any thread; does file I/O, so not on the FX thread for big images.
     */
    public static void write(Image image, Path file) throws IOException {
        BufferedImage buffered = toBufferedImage(image);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".export-", ".png.tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                if (!ImageIO.write(buffered, "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
