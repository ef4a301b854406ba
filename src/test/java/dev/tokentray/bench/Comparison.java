package dev.tokentray.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cold start of variants of the app (JVM options, another build or launcher), for the
 * investigation of what makes start-up slow and memory high: {@code bash scripts/bench.sh --compare
 * FILE}. Each line of FILE is {@code label | JVM options | app (optional)}; {@code #} starts a comment.
 * The variants take turns within each run, so that a machine getting busier or quieter weighs on
 * all alike; each first starts once unmeasured (which also lets an archive made at exit, such as
 * {@code -XX:+AutoCreateSharedArchive}, be made). With {@code --compare-rss-after S}, each start's
 * VmRSS is read S seconds after it was ready.
 */
final class Comparison {
    record Variant(String label, AppUnderBench app) {}

    private final List<Variant> variants;
    private final TrayStarts starts;
    private final BenchOptions options;
    private final Map<String, List<Measure>> figures = new LinkedHashMap<>();

    Comparison(List<Variant> variants, TrayStarts starts, BenchOptions options) {
        this.variants = variants;
        this.starts = starts;
        this.options = options;
    }

    static List<Variant> read(Path file, AppUnderBench base) throws Exception {
        List<Variant> variants = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String content = line.replaceFirst("#.*", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] parts = content.split("\\|", -1);
            String label = parts[0].strip();
            List<String> jvmOptions = new ArrayList<>(base.jvmOptions());
            if (parts.length > 1 && !parts[1].isBlank()) {
                jvmOptions.addAll(Arrays.asList(parts[1].strip().split("\\s+")));
            }
            Path app = parts.length > 2 && !parts[2].isBlank() ? Path.of(parts[2].strip()) : base.path();
            variants.add(new Variant(label, base.variant(app, jvmOptions)));
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException(file + " names no variant");
        }
        return variants;
    }

    void run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = ProcStat.loadAverage();
        for (Variant variant : variants) {
            figures.put(variant.label(), List.of(
                    new Measure("ready", "ready", "ms", null, starts.how()),
                    new Measure("outside", "seen from outside", "ms", null, ""),
                    new Measure("cpu", "CPU by then", "ms", null, ""),
                    new Measure("rss", "RSS", "MB", null, "")));
        }
        starts.learn(variants.getFirst().app());
        Bench.progress("comparing %d variants, %d runs each (+1 unmeasured)", variants.size(), options.runs());
        for (Variant variant : variants) {
            try (AppUnderBench.Running process = starts.start(variant.app(), "--hidden")) {
                starts.await(process);
            }
        }
        for (int i = 0; i < options.runs(); i++) {
            for (Variant variant : variants) {
                List<Measure> m = figures.get(variant.label());
                try (AppUnderBench.Running process = starts.start(variant.app(), "--hidden")) {
                    TrayStarts.Start start = starts.await(process);
                    m.get(0).add(start.appMillis());
                    m.get(1).add(start.outsideMillis());
                    m.get(2).add(start.cpuMillis());
                    String rss = "";
                    if (options.compareRssAfter() > 0) {
                        Thread.sleep(Duration.ofSeconds(options.compareRssAfter()));
                        m.get(3).add(ProcStat.rssBytes(process.pid()) / 1e6);
                        rss = String.format(Locale.ROOT, ", RSS %.1f MB", m.get(3).runs.getLast());
                    }
                    Bench.progress("  %-28s %5.0f ms (CPU %5.0f ms)%s%s", variant.label(), start.appMillis(),
                            start.cpuMillis(), rss, start.trayIcon() ? "" : ", NO TRAY ICON");
                }
                Thread.sleep(Duration.ofMillis(500));
            }
        }
        write(started, loadBefore);
    }

    private void write(Instant started, String loadBefore) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append("Compared ").append(started).append(", load average before ").append(loadBefore).append(", after ")
                .append(ProcStat.loadAverage()).append("; ").append(options.runs()).append(" runs each, medians (min – max);"
                        + " ready: ").append(starts.how()).append(".\n\n");
        table.append("| variant | JVM options | ready ms | CPU ms by then | RSS MB").append(options.compareRssAfter() > 0
                ? " " + options.compareRssAfter() + " s after" : "").append(" |\n|---|---|---:|---:|---:|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Variant variant : variants) {
            List<Measure> m = figures.get(variant.label());
            String app = variant.app().path().equals(options.app().toAbsolutePath()) ? ""
                    : " (" + variant.app().path() + ")";
            table.append("| ").append(variant.label()).append(" | `").append(String.join(" ", variant.app().jvmOptions()))
                    .append("`").append(app).append(" | ").append(cell(m.get(0))).append(" | ").append(cell(m.get(2)))
                    .append(" | ").append(cell(m.get(3))).append(" |\n");
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", variant.label());
            v.put("app", variant.app().path().toString());
            v.put("jvmOptions", variant.app().jvmOptions());
            for (Measure measure : m) {
                v.put(measure.id, measure.runs);
                if (measure.hasFigure()) {
                    v.put(measure.id + "Median", measure.median());
                }
            }
            json.add(v);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", started.toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("jdk", System.getProperty("java.runtime.version"));
        root.put("loadAverageBefore", loadBefore);
        root.put("loadAverageAfter", ProcStat.loadAverage());
        root.put("ready", starts.how());
        root.put("variants", json);
        Files.createDirectories(options.json().toAbsolutePath().getParent());
        Files.writeString(options.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root) + "\n");
        Files.writeString(options.markdown(), table);
        System.out.print(table);
        Bench.progress("wrote %s and %s", options.json(), options.markdown());
    }

    private static String cell(Measure m) {
        if (!m.hasFigure()) {
            return "";
        }
        return String.format(Locale.ROOT, m.unit.equals("MB") ? "%.1f (%.1f – %.1f)" : "%.0f (%.0f – %.0f)", m.median(),
                m.min(), m.max());
    }
}
