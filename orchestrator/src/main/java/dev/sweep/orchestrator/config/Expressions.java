package dev.sweep.orchestrator.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;

/**
 * Checks the JEXL expressions of derived parameters and constraints: they must parse as one side-effect-free
 * expression, and the names they read are returned so that the caller can check them against the parameters.
 */
final class Expressions {
    private final JexlEngine jexl = new JexlBuilder().strict(true).silent(false).create();
    private final JexlFeatures features = new JexlFeatures().script(false).localVar(false).sideEffect(false)
            .sideEffectGlobal(false).loops(false).lambda(false).newInstance(false).pragma(false).annotation(false);

    /** The outcome of compiling one expression: the names it reads, or why it does not parse. */
    record Checked(List<String> names, String error) {
        boolean ok() {
            return error == null;
        }
    }

    Checked check(String expression) {
        try {
            JexlScript script = jexl.createScript(features, new JexlInfo("expr", 1, 1), expression);
            Set<String> names = new LinkedHashSet<>();
            for (List<String> variable : script.getVariables()) {
                names.add(variable.get(0));
            }
            return new Checked(List.copyOf(names), null);
        } catch (JexlException e) {
            String detail = String.valueOf(e.getMessage()).replaceFirst("^\\S*@(\\d+):(\\d+)\\s*", "");
            int column = e.getInfo() == null ? 0 : e.getInfo().getColumn();
            return new Checked(List.of(), "'" + expression + "' does not parse as an expression: " + detail
                    + (column > 0 ? " (at character " + column + ")" : ""));
        }
    }
}
