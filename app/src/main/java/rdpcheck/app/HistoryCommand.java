package rdpcheck.app;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rdpcheck.store.StoreSettings;
import rdpcheck.chat.render.HistoryText;
import rdpcheck.checks.History;
import rdpcheck.checks.PastCheck;
import rdpcheck.config.LoadedConfig;
import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.store.StoreException;
import rdpcheck.store.Stores;

/** {@code rdpcheck history HOST [--json] [--limit N]}: the last checks of a host, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists the last checks of a host from the history store (time, verdict, who asked), newest first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the history was read (it may be empty)", "2:bad input or configuration, or the store cannot be used"})
final class HistoryCommand implements Callable<Integer> {

    static final int DEFAULT_LIMIT = 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "the host as it was checked (port 3389 unless given)")
    String host;

    @Option(names = "--json", description = "print one JSON object: the target and its checks")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "checks listed at most (1 to " + History.MAX_RECENT + ", default ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1 || limit > History.MAX_RECENT) {
            err.println("rdpcheck: --limit must be 1 to " + History.MAX_RECENT + ", not " + limit);
            return Main.EXIT_USAGE;
        }
        Target target;
        try {
            target = TargetParser.parse(host);
        } catch (InvalidTargetException e) {
            err.println("rdpcheck: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Optional<LoadedConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        History history = Stores.history(StoreSettings.of(loaded.get().settings()), System.getenv());
        try {
            List<PastCheck> checks = Stores.recent(history, target, limit);
            if (json) {
                out.println(json(target, checks));
            } else {
                out.println(HistoryText.render(target, checks, Instant.now()).replace("`", ""));
            }
            out.flush();
            return 0;
        } catch (StoreException e) {
            err.println("rdpcheck: " + e.getMessage());
            return Main.EXIT_USAGE;
        } finally {
            history.close();
        }
    }

    private static String json(Target target, List<PastCheck> checks) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", ReportJson.SCHEMA_VERSION);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("input", target.input());
        t.put("host", target.host());
        t.put("port", target.port());
        root.put("target", t);
        root.put("checks", checks.stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("checkedAt", c.checkedAt().toString());
            row.put("severity", c.severity().name());
            row.put("problems", c.problems());
            row.put("verdict", c.verdict());
            row.put("rootCause", c.rootCause().orElse(null));
            row.put("askedVia", c.asker().via());
            row.put("askedBy", c.asker().who());
            row.put("askedWhere", c.asker().where());
            row.put("millis", c.took().toMillis());
            return row;
        }).toList());
        try {
            return ReportJson.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history could not be written as JSON", e);
        }
    }
}
