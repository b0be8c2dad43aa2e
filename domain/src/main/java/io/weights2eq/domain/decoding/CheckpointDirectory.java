package io.weights2eq.domain.decoding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of decoder checkpoints named {@code decoder-<step, 12 digits>-<version>.w2ed}: each written to a
 * temporary file, forced to disk and atomically renamed, so a crash never leaves a half-written checkpoint under a
 * checkpoint's name; only the newest {@code keep} are kept.
 */
public final class CheckpointDirectory {

    private final Path directory;
    private final int keep;

    public CheckpointDirectory(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code checkpoint}, prunes older ones beyond {@code keep}; returns the file written. */
    public Path write(DecoderCheckpoint checkpoint) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(String.format(
                    "decoder-%012d-%s%s", checkpoint.step(), checkpoint.version(), CheckpointFormat.EXTENSION));
            Path tmp = Files.createTempFile(directory, ".writing-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    CheckpointFormat.write(checkpoint, out);
                }
                try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            List<Path> all = list();
            for (int i = 0; i < all.size() - keep; i++) {
                Files.deleteIfExists(all.get(i));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint to " + directory, e);
        }
    }

    /** The checkpoints present, oldest (lowest step) first. */
    public List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("decoder-") && n.endsWith(CheckpointFormat.EXTENSION);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    public Optional<Path> latestFile() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest checkpoint that reads back whole (a damaged newest one is skipped, with older ones tried). */
    public Optional<DecoderCheckpoint> latest() {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(CheckpointFormat.read(all.get(i)));
            } catch (IOException e) {
                System.getLogger(CheckpointDirectory.class.getName())
                        .log(System.Logger.Level.WARNING, "skipping unreadable checkpoint: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** A checkpoint from a file, or the latest one of a directory. */
    public static DecoderCheckpoint load(Path fileOrDirectory) throws IOException {
        if (Files.isDirectory(fileOrDirectory)) {
            return new CheckpointDirectory(fileOrDirectory, Integer.MAX_VALUE)
                    .latest()
                    .orElseThrow(() -> new IOException("no readable decoder checkpoint (*" + CheckpointFormat.EXTENSION
                            + ") in " + fileOrDirectory));
        }
        return CheckpointFormat.read(fileOrDirectory);
    }
}
