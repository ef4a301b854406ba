package dev.tokentray.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bench's options (see {@code bash scripts/bench.sh --help}).
 *
 * @param app         the jar, or an installed app's or app-image's launcher
 * @param jvmOptions  added to the app's JVM (for trying flags): on the command line for a jar,
 *                    in JDK_JAVA_OPTIONS for a launcher
 * @param only        which measures: cold, idle, morning, token (with exec), outputs, login, deb
 * @param tray        the desktop's tray, which bench.sh starts: {@code sni} (a StatusNotifierItem host, beside
 *                    trayer) or {@code xembed} (trayer alone)
 */
record BenchOptions(Path app, List<String> jvmOptions, int runs, int idleRuns, int idleSeconds, int settleSeconds,
        Set<String> only, Optional<Path> deb, Path json, Path markdown, String label, Optional<Path> compare,
        int compareRssAfter, String tray) {

    static final Set<String> ALL = Set.of("cold", "idle", "morning", "token", "outputs", "login", "deb");

    static final String USAGE = """
            bash scripts/bench.sh [--app PATH] [options]

              --app PATH            the jar (default target/upstox-token-tray.jar), or a launcher:
                                    /opt/upstox-token-tray/bin/upstox-token-tray, an app-image's bin/...
              --runs N              runs of each timing (default 7)
              --idle-runs N         runs of the idle minutes, and of the morning (default 3)
              --idle-seconds S      the idle time measured (default 60)
              --only LIST           some of: cold,idle,morning,token,outputs,login,deb (default all)
              --deb PATH            the .deb to weigh (default: the newest under target/ or packaging/)
              --jvm-options "..."   extra JVM options for the app (to try flags)
              --label TEXT          a name for this run in the report
              --tray sni|xembed     the desktop's tray: a StatusNotifierItem host beside trayer, which the
                                    app uses on Linux (default), or trayer alone (AWT's XEmbed tray)
              --out PATH            the JSON report (default target/bench.json); the table goes beside it (.md)
              --compare FILE        instead: the cold start (hidden) of variants, taking turns; each line of
                                    FILE is `label | JVM options | app (optional)` (default out:
                                    target/bench-compare.json)
              --compare-rss-after S with --compare: read VmRSS S seconds after each start was ready
            """;

    boolean wants(String measure) {
        return only.contains(measure);
    }

    static BenchOptions parse(String[] args) {
        Path app = Path.of("target/upstox-token-tray.jar");
        List<String> jvmOptions = new ArrayList<>();
        int runs = 7;
        int idleRuns = 3;
        int idleSeconds = 60;
        int settleSeconds = 5;
        Set<String> only = ALL;
        Optional<Path> deb = Optional.empty();
        Path json = null;
        String label = "";
        Optional<Path> compare = Optional.empty();
        int compareRssAfter = 0;
        String tray = "sni";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--app" -> app = Path.of(required(args[i], value));
                case "--jvm-options" -> jvmOptions.addAll(Arrays.asList(required(args[i], value).trim().split("\\s+")));
                case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                case "--idle-runs" -> idleRuns = Integer.parseInt(required(args[i], value));
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(required(args[i], value));
                case "--settle-seconds" -> settleSeconds = Integer.parseInt(required(args[i], value));
                case "--only" -> only = Set.of(required(args[i], value).split(","));
                case "--deb" -> deb = Optional.of(Path.of(required(args[i], value)));
                case "--out" -> json = Path.of(required(args[i], value));
                case "--label" -> label = required(args[i], value);
                case "--compare" -> compare = Optional.of(Path.of(required(args[i], value)));
                case "--compare-rss-after" -> compareRssAfter = Integer.parseInt(required(args[i], value));
                case "--tray" -> tray = required(args[i], value);
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        jvmOptions.removeIf(String::isEmpty);
        if (!Set.of("sni", "xembed").contains(tray)) {
            throw new IllegalArgumentException("--tray takes sni or xembed, not " + tray);
        }
        if (!ALL.containsAll(only)) {
            throw new IllegalArgumentException("--only takes some of " + ALL + ", not " + only);
        }
        if (!Files.exists(app)) {
            throw new IllegalArgumentException("No app at " + app + " (build it, or pass --app PATH)");
        }
        if (!app.toString().endsWith(".jar") && !Files.isExecutable(app)) {
            throw new IllegalArgumentException(app + " is neither a jar nor an executable launcher");
        }
        if (json == null) {
            json = Path.of(compare.isPresent() ? "target/bench-compare.json" : "target/bench.json");
        }
        Path markdown = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        return new BenchOptions(app, List.copyOf(jvmOptions), runs, idleRuns, idleSeconds, settleSeconds, only, deb,
                json, markdown, label, compare, compareRssAfter, tray);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }
}
