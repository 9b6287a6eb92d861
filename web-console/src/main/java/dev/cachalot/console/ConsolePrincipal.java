package dev.cachalot.console;

/** Who is signed in to the console. */
public record ConsolePrincipal(String accountId, String accessKeyId, boolean admin) {}
