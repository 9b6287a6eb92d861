package dev.cachalot.console;

/** The backend refused an action; {@code code} is the API's error code, shown with the message. */
public class ConsoleException extends RuntimeException {

    private final String code;

    public ConsoleException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
