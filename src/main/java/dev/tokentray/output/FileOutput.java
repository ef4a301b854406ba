package dev.tokentray.output;

import dev.tokentray.platform.OwnerOnly;
import dev.tokentray.token.AccessToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A token file: replaced as a whole on each new token (a temporary file in the same folder, then a
 * rename), so that a bot reading it never sees half a file; owner-only, since it holds the token.
 * A symbolic link stays a link: the file it points to is replaced.
 */
final class FileOutput implements TokenOutput {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FileOutputConfig config;

    FileOutput(FileOutputConfig config) {
        this.config = config;
    }

    @Override
    public String describe() {
        return "the file " + config.path();
    }

    @Override
    public Duration timeout() {
        return TIMEOUT;
    }

    @Override
    public void deliver(NewToken token) throws OutputException {
        Path target = target();
        try {
            Optional<String> existing = config.format().merges() ? content(target) : Optional.empty();
            OwnerOnly.write(target, config.format().render(existing, token.token()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OutputException(problem(target, e), e);
        }
    }

    @Override
    public boolean isBehind(AccessToken token) throws OutputException {
        Path target = target();
        try {
            return content(target).flatMap(config.format()::read).filter(token.value()::equals).isEmpty();
        } catch (IOException e) {
            throw new OutputException(problem(target, e), e);
        }
    }

    private Path target() {
        try {
            return Files.isSymbolicLink(config.path()) ? config.path().toRealPath() : config.path();
        } catch (IOException e) {
            return config.path(); // a link to nowhere: replaced by the file
        }
    }

    private static Optional<String> content(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String problem(Path file, IOException failure) {
        Path folder = file.toAbsolutePath().getParent();
        return "Cannot write " + file + ": " + switch (failure) {
            case AccessDeniedException denied -> "this user may not write " + denied.getFile() + ". Give it write access"
                    + " to " + folder + ", or choose another file.";
            // The folder (or one above it) is a file: creating it found the file in the way.
            case FileAlreadyExistsException inTheWay -> inTheWay.getFile() + " is a file, not a folder. Move it, or"
                    + " choose another path.";
            case FileSystemException system when system.getReason() != null -> system.getReason() + ". Free the disk"
                    + " or the folder, or choose another file.";
            default -> failure.getMessage() + ". Choose another file if this stays so.";
        };
    }
}
