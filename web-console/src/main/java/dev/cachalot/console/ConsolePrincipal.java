package dev.cachalot.console;

/**
 * Who is signed in to the console.
 *
 * @param readOnly    the user's policy allows reading only
 * @param systemAdmin the user administers the whole installation (other accounts)
 */
public record ConsolePrincipal(String accountId, String userName, boolean readOnly, boolean systemAdmin) {}
