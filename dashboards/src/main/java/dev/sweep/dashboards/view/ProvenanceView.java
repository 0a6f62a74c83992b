package dev.sweep.dashboards.view;

import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.TrialRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Provenance shown once for the sweep (keys whose value every recorded trial shares) and per trial for the
 * keys that differ (device, seed, host…).
 */
public record ProvenanceView(Map<String, String> common, Map<Integer, Map<String, String>> perTrial,
                             int trialsWithProvenance) {
    public ProvenanceView {
        common = java.util.Collections.unmodifiableMap(new TreeMap<>(common));
        perTrial = java.util.Collections.unmodifiableMap(new TreeMap<>(perTrial));
    }

    /** Reads every trial's provenance: one SQL query where the store supports it, else one call per trial. */
    public static ProvenanceView read(ResultsStore store, long sweepId, List<TrialRecord> trials) {
        Map<Integer, Map<String, String>> all = bulk(store, sweepId);
        if (all == null) {
            all = new HashMap<>();
            for (TrialRecord t : trials) {
                Map<String, String> p = store.provenance(t.id());
                if (!p.isEmpty()) {
                    all.put(t.number(), p);
                }
            }
        }
        return of(all);
    }

    static ProvenanceView of(Map<Integer, Map<String, String>> all) {
        TreeSet<String> keys = new TreeSet<>();
        all.values().forEach(m -> keys.addAll(m.keySet()));
        Map<String, String> common = new LinkedHashMap<>();
        for (String k : keys) {
            String first = null;
            boolean same = true;
            boolean seen = false;
            for (Map<String, String> m : all.values()) {
                String v = m.get(k);
                if (!seen) {
                    first = v;
                    seen = true;
                } else if (!Objects.equals(first, v)) {
                    same = false;
                    break;
                }
            }
            if (same && first != null) {
                common.put(k, first);
            }
        }
        Map<Integer, Map<String, String>> perTrial = new HashMap<>();
        for (Map.Entry<Integer, Map<String, String>> e : all.entrySet()) {
            Map<String, String> own = new TreeMap<>(e.getValue());
            own.keySet().removeAll(common.keySet());
            if (!own.isEmpty()) {
                perTrial.put(e.getKey(), own);
            }
        }
        return new ProvenanceView(common, perTrial, all.size());
    }

    private static Map<Integer, Map<String, String>> bulk(ResultsStore store, long sweepId) {
        QueryResult r;
        try {
            r = store.query("SELECT t.number, p.key, p.value FROM provenance p JOIN trials t ON t.id = p.trial_id"
                    + " WHERE t.sweep_id = " + sweepId);
        } catch (RuntimeException e) {
            return null;
        }
        Map<Integer, Map<String, String>> all = new HashMap<>();
        for (List<Object> row : r.rows()) {
            all.computeIfAbsent(((Number) row.get(0)).intValue(), k -> new TreeMap<>())
                    .put(String.valueOf(row.get(1)), row.get(2) == null ? null : String.valueOf(row.get(2)));
        }
        return all;
    }
}
