package dev.cachalot.engine.command;

/**
 * Executes one command whose name and arity the {@link CommandDispatcher} has already checked, writing
 * its reply into the context's reply buffer.
 */
@FunctionalInterface
public interface CommandHandler {
    void execute(CommandContext ctx);
}
