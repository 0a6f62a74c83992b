package dev.sweep.search.sampler;

import dev.sweep.search.space.SearchSpace;

/** Keeps the codec of the last space a sampler saw (a sweep's space never changes), so it is built once. */
public final class CodecCache {

    private SpaceCodec last;

    public synchronized SpaceCodec of(SearchSpace space) {
        if (last == null || (last.space() != space && !last.space().equals(space))) {
            last = new SpaceCodec(space);
        }
        return last;
    }
}
