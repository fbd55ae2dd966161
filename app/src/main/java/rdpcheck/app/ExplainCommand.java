package rdpcheck.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rdpcheck.probes.diagnosis.ErrorCodes;

/** {@code rdpcheck explain CODE [EXTENDED]}: what mstsc's error codes mean and which check confirms each cause. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains a Remote Desktop client error code (disconnect reason, extended reason, server error info).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the code is documented", "1:the code is not in any documented table", "2:not a number"})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the error code as mstsc shows it, e.g. 0x904 (or decimal 2308)")
    String code;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EXTENDED", description = "the extended error code, e.g. 0x7")
    String extended;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ErrorCodes.Explanation> explanation = ErrorCodes.explain(code, Optional.ofNullable(extended));
        if (explanation.isEmpty()) {
            // name the argument that is wrong, not the whole line
            String bad = ErrorCodes.explain(code, Optional.empty()).isEmpty() ? code : extended;
            err.println("rdpcheck: not an error code: '" + bad + "' (use hex as mstsc shows it, e.g. 0x904, or decimal)");
            return Main.EXIT_USAGE;
        }
        out.println(explanation.get().text());
        out.flush();
        return explanation.get().known() ? 0 : 1;
    }
}
