package dev.sweep.orchestrator.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands by constructor, handing each the {@link CliContext}; anything else picocli's default way. */
final class CommandFactory implements CommandLine.IFactory {

    private final CliContext cli;

    CommandFactory(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == CliContext.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(cli));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
