package dev.tokentray.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Writes what the bench measured: {@code bench.json}, and the Markdown table (printed, and beside the JSON). */
final class Report {
    private final BenchOptions options;
    private final Instant started;
    private final Instant ended = Instant.now();
    private final String loadBefore;
    private final String loadAfter;
    private final List<Measure> measures;
    private final List<String> notes;
    private final AppUnderBench app;

    Report(BenchOptions options, Instant started, String loadBefore, String loadAfter, List<Measure> measures,
            List<String> notes, AppUnderBench app) {
        this.options = options;
        this.started = started;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.measures = measures;
        this.notes = notes;
        this.app = app;
    }

    void write() throws IOException {
        Files.createDirectories(options.json().toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(options.json(), json.writeValueAsString(tree()) + "\n");
        String table = markdown();
        Files.writeString(options.markdown(), table);
        System.out.print(table);
        Bench.progress("wrote %s and %s", options.json(), options.markdown());
    }

    private Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", started.toString());
        root.put("durationSeconds", Duration.between(started, ended).toSeconds());
        root.put("label", options.label());
        Map<String, Object> appInfo = new LinkedHashMap<>();
        appInfo.put("path", app.path().toString());
        appInfo.put("kind", app.isJar() ? "jar (java -jar)" : "launcher");
        appInfo.put("command", String.join(" ", app.command()));
        appInfo.put("jvmOptions", options.jvmOptions());
        appInfo.put("runtime", appRuntime());
        root.put("app", appInfo);
        root.put("machine", machine());
        root.put("loadAverage", Map.of("before", loadBefore, "after", loadAfter));
        root.put("notes", notes);
        List<Map<String, Object>> all = new ArrayList<>();
        for (Measure measure : measures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", measure.id);
            m.put("title", measure.title);
            m.put("units", measure.unit);
            m.put("target", measure.target.map(t -> "< " + format(t)).orElse(null));
            m.put("targetValue", measure.target.orElse(null));
            if (measure.hasFigure()) {
                m.put("median", round(measure.median()));
                m.put("min", round(measure.min()));
                m.put("max", round(measure.max()));
                m.put("runs", measure.runs.stream().map(Report::round).toList());
            } else {
                m.put("median", null);
                m.put("runs", List.of());
            }
            m.put("met", measure.met().orElse(null));
            measure.missing.ifPresent(why -> m.put("missing", why));
            m.put("how", measure.how);
            m.put("notes", measure.notes);
            all.add(m);
        }
        root.put("measures", all);
        return root;
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)))
                .append(" on ").append(machineLine()).append(", ")
                .append(app.isJar() ? "`java -jar " + relative(app.path()) + "`" : "`" + app.path() + "`")
                .append(options.jvmOptions().isEmpty() ? "" : " with `" + String.join(" ", options.jvmOptions()) + "`")
                .append(options.label().isEmpty() ? "" : " (" + options.label() + ")")
                .append("; load average before ").append(loadBefore).append(", after ").append(loadAfter).append(".\n\n");
        out.append("| measure | median | min – max | runs | target | met |\n");
        out.append("|---|---:|---:|---:|---:|:---:|\n");
        for (Measure m : measures) {
            out.append("| ").append(m.title).append(" | ");
            if (m.hasFigure()) {
                out.append(format(m.median())).append(' ').append(m.unit).append(" | ")
                        .append(format(m.min())).append(" – ").append(format(m.max())).append(" | ")
                        .append(m.runs.size()).append(" | ");
            } else {
                out.append(m.missing.orElse("—")).append(" | | | ");
            }
            out.append(m.target.map(t -> "< " + format(t) + " " + m.unit).orElse("")).append(" | ")
                    .append(m.met().map(met -> met ? "yes" : "**no**").orElse("")).append(" |\n");
        }
        return out.toString();
    }

    private static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String relative(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memoryGB", Math.round(memoryKb() / 1e6));
        machine.put("os", osName());
        machine.put("kernel", System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.home") + ")");
        return machine;
    }

    private String machineLine() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " + osName() + ", JDK "
                + System.getProperty("java.runtime.version");
    }

    /** The Java runtime the app runs on: this bench's JDK for a jar, an app-image's own runtime for a launcher. */
    private String appRuntime() {
        if (app.isJar()) {
            return "JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")";
        }
        Path release = app.path().getParent().resolveSibling("lib/runtime/release");
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            properties.load(in);
            return "app's own runtime: " + properties.getProperty("IMPLEMENTOR", "?").replace("\"", "") + " "
                    + properties.getProperty("JAVA_RUNTIME_VERSION", properties.getProperty("JAVA_VERSION", "?"))
                    .replace("\"", "") + ", modules " + properties.getProperty("MODULES", "?").replace("\"", "");
        } catch (IOException e) {
            return "unknown (no " + release + ")";
        }
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.replaceFirst("^[^:]*:\\s*", ""))
                .orElse("unknown CPU");
    }

    private static long memoryKb() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
    }

    private static String osName() {
        return firstLine(Path.of("/etc/os-release"), "PRETTY_NAME=")
                .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse(System.getProperty("os.name"));
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
