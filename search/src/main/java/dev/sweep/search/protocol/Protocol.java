package dev.sweep.search.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON-lines codec for the worker wire protocol: one message or event per line, no embedded newlines. */
public final class Protocol {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String encode(WorkerMessage message) {
        return write(message);
    }

    public String encode(WorkerEvent event) {
        return write(event);
    }

    public WorkerMessage decodeMessage(String line) {
        try {
            return mapper.readValue(line, WorkerMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a worker message: " + abbreviate(line) + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    public WorkerEvent decodeEvent(String line) {
        try {
            return mapper.readValue(line, WorkerEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a worker event: " + abbreviate(line) + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + o, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
