package dev.cachalot.console;

/**
 * The backend refused an action; {@code code} is the API's error code, shown with the message,
 * and {@code field} the form field it is about, when the refusal is about one (null otherwise).
 */
public class ConsoleException extends RuntimeException {

    private final String code;
    private final String field;

    public ConsoleException(String code, String message) {
        this(code, message, null);
    }

    public ConsoleException(String code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
