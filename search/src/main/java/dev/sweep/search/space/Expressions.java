package dev.sweep.search.space;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Evaluates the JEXL expressions of a search space: derived parameters ({@code base_lr * batch_size / 32}) and
 * constraints ({@code !(optimizer == 'sgd' && learning_rate < 1e-4)}).
 *
 * <p>The language is restricted to expressions: no assignments, loops, method calls or object creation;
 * {@code math:} gives the functions of {@link Math} ({@code math:log(x)}, {@code math:pow(2, k)}). Every
 * parameter of the space is a variable; a conditional parameter absent from a configuration is {@code null}
 * (guard it: {@code momentum == null || momentum < 0.95}); a name that is not a parameter is an error. Integer
 * arithmetic stays integral ({@code batch_size / 32} divides integers).
 */
public final class Expressions {

    private final JexlEngine engine = new JexlBuilder()
            .features(new JexlFeatures().loops(false).sideEffect(false).sideEffectGlobal(false).newInstance(false)
                    .methodCall(false).lambda(false).annotation(false).pragma(false).register(false)
                    .structuredLiteral(false))
            .permissions(JexlPermissions.RESTRICTED)
            .namespaces(Map.of("math", Math.class))
            .strict(true)
            .silent(false)
            .safe(false)
            .cache(256)
            .create();

    /**
     * The configuration with the space's derived parameters added, in declaration order (each may use the ones
     * before it). A derived parameter whose expression gives null is left out.
     */
    public Map<String, Object> withDerived(SearchSpace space, Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>(params);
        for (DerivedParameter d : space.derived()) {
            Object v = evaluate(space, d.expression(), out, "derived parameter '" + d.name() + "'");
            if (v != null) {
                out.put(d.name(), normalise(v, d));
            }
        }
        return out;
    }

    /** The first constraint that {@code params} (a complete configuration, derived parameters included) violates. */
    public Optional<Constraint> firstViolated(SearchSpace space, Map<String, Object> params) {
        for (Constraint c : space.constraints()) {
            Object v = evaluate(space, c.expression(), params, "constraint '" + c.expression() + "'");
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException("constraint '" + c.expression()
                        + "' must evaluate to true or false, but gave " + v + " for " + params);
            }
            if (!b) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Parses every expression of the space, failing with the offending expression named. */
    public void validate(SearchSpace space) {
        for (DerivedParameter d : space.derived()) {
            compile(d.expression(), "derived parameter '" + d.name() + "'");
        }
        for (Constraint c : space.constraints()) {
            compile(c.expression(), "constraint '" + c.expression() + "'");
        }
    }

    private Object evaluate(SearchSpace space, String expression, Map<String, Object> params, String what) {
        JexlExpression e = compile(expression, what);
        Map<String, Object> vars = new HashMap<>();
        for (String name : names(space)) {
            vars.put(name, null);
        }
        vars.putAll(params);
        try {
            return e.evaluate(new MapContext(vars));
        } catch (JexlException ex) {
            throw new IllegalArgumentException(what + " cannot be evaluated for " + params + ": " + message(ex)
                    + " (parameters absent from a configuration are null; guard them, e.g. 'x == null || x < 1')",
                    ex);
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException(what + " cannot be evaluated for " + params + ": " + ex.getMessage(),
                    ex);
        }
    }

    private JexlExpression compile(String expression, String what) {
        try {
            return engine.createExpression(expression);
        } catch (JexlException ex) {
            throw new IllegalArgumentException(what + " is not a valid expression: " + message(ex), ex);
        }
    }

    private static Set<String> names(SearchSpace space) {
        Set<String> names = new java.util.HashSet<>();
        space.parameters().forEach(p -> names.add(p.name()));
        space.derived().forEach(d -> names.add(d.name()));
        space.zips().forEach(z -> names.addAll(z.names()));
        return names;
    }

    private static String message(JexlException ex) {
        String m = ex.getMessage();
        int colon = m == null ? -1 : m.indexOf(' ');
        return colon < 0 ? String.valueOf(m) : m.substring(colon + 1);
    }

    private static Object normalise(Object v, DerivedParameter d) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Double dv && !Double.isFinite(dv)) {
            throw new IllegalArgumentException("derived parameter '" + d.name() + "' = " + d.expression()
                    + " must be finite, but gave " + dv);
        }
        return v;
    }
}
